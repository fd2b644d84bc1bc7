import { describe, expect, it } from 'vitest';
import { composeReport, type MarketReport } from '../../../src/services/reports/compose.js';
import { renderReportHtml } from '../../../src/services/reports/html.js';
import { mlLeadCanada } from './figures.js';

const report = (markdown: string): MarketReport => ({
  title: 'Market Report: R&D <Lead> in Canada',
  period: '2026-04',
  lastUpdated: 'April 2026',
  sampleSize: 2,
  confidence: { level: 'INSUFFICIENT', sampleSize: 2, note: '' },
  sections: [],
  omittedSections: [],
  markdown,
});

describe('renderReportHtml', () => {
  it('renders the Markdown into a complete page with inline styles and nothing external', () => {
    const html = renderReportHtml(report('# Title\n\n> **Limited data.** Note\n\n- **Career moat:** x'));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>Market Report: R&amp;D &lt;Lead&gt; in Canada</title>');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<blockquote>\n<p><strong>Limited data.</strong> Note</p>\n</blockquote>');
    expect(html).toContain('<li><strong>Career moat:</strong> x</li>');
    expect(html).toContain('<style>');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|src=|href="http/i);
  });

  it('shows raw HTML from a template as text and images as their alt text', () => {
    const html = renderReportHtml(report('Hello <script>alert(1)</script> <img src="http://x/y.png">\n\n![a chart](http://example.com/chart.png)'));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=&quot;http://x/y.png&quot;&gt;');
    expect(html).toContain('<p>a chart</p>');
    expect(html).not.toMatch(/<(script|img)\b/);
  });

  it("links a template's http, https and mailto links, and shows any other link as its text alone", () => {
    const body = [
      '[javascript](javascript:alert(document.domain))',
      '[entity](jav&#x09;ascript:alert(1))',
      '[upper](JAVASCRIPT:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<javascript:alert(2)>',
      '[ref][bad]',
      '[relative](/etc/passwd)',
      '[vbscript](VBScript:msgbox)',
      '[web](https://example.com/pay?a=1&b=2) [plain](http://example.com) [mail](mailto:pay@example.com) www.example.org',
      '',
      '[bad]: javascript:alert(3)',
    ].join('\n\n');
    const report = composeReport({ ...mlLeadCanada, provenance: 'test' }, new Map([['AI_IMPACT', { kind: 'AI_IMPACT', heading: 'Links', body }]]));
    const html = renderReportHtml(report);
    const hrefs = [...html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual(['https://example.com/pay?a=1&b=2', 'http://example.com', 'mailto:pay@example.com', 'http://www.example.org']);
    for (const text of ['javascript', 'entity', 'upper', 'data', 'javascript:alert(2)', 'ref', 'relative', 'vbscript']) expect(html).toContain(`<p>${text}</p>`);
  });
});
