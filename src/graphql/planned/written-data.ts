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

  /** `body` with each placeholder replaced by its text. */
  fill(body: string): string {
    return this.texts.length ? body.replace(PLACEHOLDER, (_, index: string) => this.texts[Number(index)]!) : body;
  }
}
