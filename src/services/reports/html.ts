import { Marked } from 'marked';
import type { MarketReport } from './compose.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Whether a link goes to a web page or an e-mail address (as a browser reads it: `java\tscript:` is `javascript:`). */
function isWebOrMailLink(href: string): boolean {
  return URL.canParse(href) && LINK_PROTOCOLS.has(new URL(href).protocol);
}

/**
 * Raw HTML in a template is shown as text, images as their alt text, and links other than
 * http, https and mailto (javascript:, data:, relative ones) as their text alone: the page stays
 * self-contained and inert, whatever a template editor writes.
 */
const markdown = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    link(token) {
      return isWebOrMailLink(token.href) ? false : this.parser.parseInline(token.tokens);
    },
  },
});

// Everything the page needs is inline; the policy also stops it from loading or running anything.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --rule: #dfe3ea; --accent: #1f5f99; --warn-bg: #fff6e0; --warn-edge: #d99a00; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f9; color: var(--ink); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 46rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff; border: 1px solid var(--rule); border-radius: 10px; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 0.4rem; }
h1 + p { margin-top: 0; color: var(--muted); font-size: 0.95rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--rule); color: var(--accent); }
p, ul, ol { margin: 0 0 0.9rem; }
li { margin: 0.25rem 0; }
strong { color: #0f1520; }
blockquote { margin: 1rem 0; padding: 0.75rem 1rem; background: var(--warn-bg); border-left: 4px solid var(--warn-edge); border-radius: 4px; }
blockquote p { margin: 0; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.5rem 0 1rem; }
hr + p { color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) { main { margin: 0; padding: 1.5rem; border: 0; border-radius: 0; } }
@media print { body { background: #fff; } main { margin: 0; border: 0; max-width: none; } }
`;

/**
 * The report as a self-contained HTML page: the Markdown rendered with inline styles, no external
 * fonts, scripts or images.
 * @returns the HTML document.
 */
export function renderReportHtml(report: MarketReport): string {
  const body = markdown.parse(report.markdown, { async: false });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}
