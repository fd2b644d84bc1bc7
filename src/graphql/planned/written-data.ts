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
   * `body` with each placeholder replaced by its text, written straight into the bytes to send:
   * a whole answer is not copied into one more string only to be encoded.
   */
  fill(body: string): string | Buffer {
    if (!this.texts.length) return body;
    const pieces: string[] = [];
    let end = 0;
    for (const match of body.matchAll(PLACEHOLDER)) {
      pieces.push(body.slice(end, match.index), this.texts[Number(match[1])]!);
      end = match.index + match[0].length;
    }
    pieces.push(body.slice(end));
    const bytes = Buffer.allocUnsafe(pieces.reduce((size, piece) => size + Buffer.byteLength(piece), 0));
    pieces.reduce((offset, piece) => offset + bytes.write(piece, offset), 0);
    return bytes;
  }
}
