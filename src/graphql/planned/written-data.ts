const KEY = '\u0000written';
/** A placeholder as JSON.stringify writes it: no answer holds NUL, which PostgreSQL text cannot. */
const PLACEHOLDER = /\{"\\u0000written":(\d+)\}/g;

/**
 * Where a planned query leaves its data already written as JSON, so that it is never parsed only
 * to be written again: Apollo writes a placeholder where the data goes, and the HTTP layer fills
 * the text in before the body is sent (src/serving/http/written-data.ts).
 */
export class WrittenData {
  private readonly texts: string[] = [];

  /** The data to give Apollo for `text`: an object whose JSON is a placeholder for it. */
  placeholder(text: string): Record<string, unknown> {
    this.texts.push(text);
    return { [KEY]: this.texts.length - 1 };
  }

  /**
   * `body` with each placeholder replaced by its text. The texts are let go of: a request's own
   * objects often end up in V8's old generation, where, dead, they keep what they reference
   * alive until a full collection; an answer's text they held went there with them
   * (docs/decisions/0010-heap-bound.md).
   */
  fill(body: string): string {
    if (!this.texts.length) return body;
    const texts = this.texts.splice(0);
    return body.replace(PLACEHOLDER, (_, index: string) => texts[Number(index)]!);
  }
}
