import type { Finding } from './session.js';
import type { FuzzRequest } from './transport.js';

/** Findings with the same problems and cause (what the server logged, else the kind of request). */
export interface FailureClass {
  problems: string;
  cause: string | undefined;
  kinds: Set<string>;
  count: number;
  /** The shortest request of the class. */
  example: FuzzRequest;
}

const size = (request: FuzzRequest) => request.path.length + (request.body?.length ?? 0);

export function failureClasses(findings: Finding[]): FailureClass[] {
  const classes = new Map<string, FailureClass>();
  for (const { problems: found, request, cause } of findings) {
    const problems = found.join(', ');
    const key = `${problems}\n${cause ?? request.kind}`;
    const known = classes.get(key);
    if (!known) {
      classes.set(key, { problems, cause, kinds: new Set([request.kind]), count: 1, example: request });
      continue;
    }
    known.kinds.add(request.kind);
    known.count++;
    if (size(request) < size(known.example)) known.example = request;
  }
  return [...classes.values()];
}

const PRINTABLE = /^[\u0020-\u007e\u00a0-\ud7ff\ue000-\uffff]*$/;

function shellQuote(text: string): string {
  if (PRINTABLE.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  return `$'${[...text].map((char) => (PRINTABLE.test(char) && char !== "'" && char !== '\\' ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`)).join('')}'`;
}

const SHOWN_BODY = 1500;

/** The request as a curl command against a server on port 4000 (a long or binary body is described instead). */
export function asCurl(request: FuzzRequest): string {
  const headers = Object.entries(request.headers).map(([name, value]) => ` -H ${shellQuote(`${name}: ${value}`)}`);
  const head = `curl -sS -X ${request.method}${headers.join('')} ${shellQuote(`http://127.0.0.1:4000${request.path.slice(0, SHOWN_BODY)}`)}`;
  if (request.body === undefined) return head;
  if (typeof request.body !== 'string') return `${head} --data-binary @body  # body: ${request.body.length} bytes, see ${request.kind}`;
  if (request.body.length > SHOWN_BODY) return `${head} --data-binary ${shellQuote(request.body.slice(0, SHOWN_BODY))}…  # ${request.body.length} characters in all`;
  return `${head} --data-binary ${shellQuote(request.body)}`;
}

/** The classes of failure, each with the count, the kinds of request, and its shortest request. */
export function describeFailures(classes: FailureClass[], seed: number): string {
  const lines = classes.map(({ problems, cause, kinds, count, example }, index) =>
    [
      `${index + 1}. ${problems}${cause ? ` — server log: ${cause}` : ''}`,
      `   ${count} request(s) of kind: ${[...kinds].join(', ')}`,
      `   shortest, #${example.index} (${example.kind}): ${asCurl(example)}`,
    ].join('\n'),
  );
  return `${classes.length} kind(s) of failure. Send one request again with FUZZ_SEED=${seed} FUZZ_ONLY=<#>.\n${lines.join('\n')}`;
}
