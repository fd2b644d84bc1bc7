import { describe, expect, it } from 'vitest';
import { CsvShape } from '../../../src/services/import/csv-shape.js';

function shapeOf(text: string, chunkSize: number) {
  const shape = new CsvShape();
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += chunkSize) shape.scan(bytes.subarray(at, at + chunkSize));
  return { lines: shape.lines, regular: shape.regular };
}

describe('CsvShape', () => {
  it.each([
    ['plain lines', 'a,b\n1,2\n3,4\n', { lines: 3, regular: true }],
    ['no newline at the end', 'a,b\n1,2\n3,4', { lines: 3, regular: true }],
    ['CRLF throughout', 'a,b\r\n1,2\r\n', { lines: 2, regular: true }],
    ['well-quoted fields', 'a,b\n"x, ""y""",2\n"",3\n', { lines: 3, regular: true }],
    ['a quoted line break', 'a,b\n"x\ny",2\n', { lines: 3, regular: false }],
    ['a quote inside an unquoted field', 'a,b\nx"y",2\n', { lines: 2, regular: false }],
    ['a quote after a quoted field', 'a,b\n"x"y,2\n', { lines: 2, regular: false }],
    ['a lone carriage return', 'a,b\n1,2\r3,4\n', { lines: 2, regular: false }],
    ['CRLF and LF mixed', 'a,b\r\n1,2\n', { lines: 2, regular: false }],
    ['an unterminated quote on the last line', 'a,b\n"x,2', { lines: 2, regular: false }],
  ])('%s', (_, text, expected) => {
    // Chunks of every size: lines and quotes must survive being split anywhere.
    for (const chunkSize of [1, 2, 3, 5, 64]) expect(shapeOf(text, chunkSize)).toEqual(expected);
  });
});
