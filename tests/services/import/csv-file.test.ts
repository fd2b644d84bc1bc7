import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFileRecords, readCsvFile } from '../../../src/services/import/csv/csv-file.js';
import { ImportFileError, readCsvRows, rowOfRecord, type SourceRow } from '../../../src/services/import/csv/csv-reader.js';
import { aiJobsFormat } from '../../../src/services/import/formats/ai-jobs.js';

const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';
const row = (title: string, usd = 100000) => `2022,SE,FT,${title},${usd},USD,${usd},US,0,US,M`;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-csv-file-'));
});

async function fileOf(content: string): Promise<string> {
  const file = path.join(directory, `${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, content);
  return file;
}

/** readCsvFile's output as rows, and how many of them were split here rather than by csv-parse. */
async function readFast(file: string): Promise<{ rows: SourceRow[]; split: number }> {
  const rows: SourceRow[] = [];
  let split = 0;
  for await (const chunk of readCsvFile(file, aiJobsFormat)) {
    if (!isFileRecords(chunk)) {
      rows.push(...chunk);
      continue;
    }
    chunk.records.forEach((record, index) => rows.push(rowOfRecord(String(chunk.lines[index]), record, chunk.header, chunk.columnIndex, chunk.format)));
    split += chunk.records.length;
  }
  return { rows, split };
}

async function readByCsvParse(file: string): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const chunk of readCsvRows(createReadStream(file), aiJobsFormat)) rows.push(...chunk);
  return rows;
}

describe('readCsvFile', () => {
  it.each([
    ['LF line ends', `${HEADER}\n${row('Data Engineer')}\n${row('Data Scientist')}\n`, 2],
    [
      'blank lines and short rows over many reads, and no quote at all',
      `${HEADER}\n${Array.from({ length: 2000 }, (_, index) => (index % 7 === 0 ? '' : index % 11 === 0 ? '2022,SE' : row(`Title ${index}`))).join('\n')}\n`,
      1714,
    ],
    ['CRLF line ends, a BOM and blank lines', `\uFEFF${HEADER}\r\n${row('Data Engineer')}\r\n\r\n${row('Data Scientist')}\r\n`, 2],
    ['quoted fields on one line', `${HEADER}\n2022,SE,FT,"Head, ""Data""",1,USD,1,GB,50,GB,L\n${row('"Data Engineer"')}\n`, 2],
    ['wrong numbers of fields', `${HEADER}\n2022,SE,FT\n${row('a')},extra\n${row('b')}\n`, 3],
    ['a last line without a line break', `${HEADER}\n${row('a')}\n${row('b')}`, 1],
    ['only a header', `${HEADER}\n`, 0],
    ['only a header, without a line break', HEADER, 0],
    ['a line longer than many reads', `${HEADER}\n${row('x'.repeat(200_000))}\n${row('b')}\n`, 2],
    ['LF and CRLF lines mixed after a CRLF header', `${HEADER}\r\n${row('a')}\r\n${row('b')}\n${row('c')}\r\n${row('d')}\n`, 4],
    ['LF and CRLF lines mixed after an LF header', `${HEADER}\n${row('a')}\r\n${row('b')}\n${row('c')}\r\n${row('d')}\n`, 4],
  ])('reads a file with %s as csv-parse does, splitting its lines itself', async (_, content, split) => {
    const file = await fileOf(content);
    const fast = await readFast(file);
    expect(fast.rows).toEqual(await readByCsvParse(file));
    expect(fast.split).toBe(split);
  });

  it.each([
    ['a quoted line break', `${HEADER}\n${row('a')}\n2023,EN,PT,"Data\nAnalyst",5000,EUR,5400,DE,100,DE,S\n${row('b')}\n`],
    ['a stray quote', `${HEADER}\n${row('a')}\n${row('Data "Engineer')}\n${row('b')}\n`],
    ['a carriage return inside a line', `${HEADER}\n${row('a')}\n${row('Data\rEngineer')}\n${row('b')}\n`],
  ])('hands the rest of a file to csv-parse from %s on, with the same rows and lines', async (_, content) => {
    const file = await fileOf(content);
    const fast = await readFast(file);
    expect(fast.rows).toEqual(await readByCsvParse(file));
    expect(fast.split).toBe(1);
  });

  it('ends a record at every line break, LF, CRLF or CR, however a file mixes them', async () => {
    const mixed = `${HEADER}\r\n${row('a')}\n${row('b')}\r\n${row('c')}\n${row('d')}\r\n`;
    const quoted = `${HEADER}\r\n${row('a')}\n2023,EN,PT,"Data\nAnalyst",5000,EUR,5400,DE,100,DE,S\n${row('b')}\r${row('c')}\r\n`;
    const fast = await readFast(await fileOf(mixed));
    expect(fast.rows.map((row) => [row.rowKey, 'fields' in row && row.fields.jobTitle])).toEqual([['2', 'a'], ['3', 'b'], ['4', 'c'], ['5', 'd']]);
    expect(fast.split).toBe(4);
    // From the quoted line break on, csv-parse reads the same way, lone CR included.
    const handedOver = await readFast(await fileOf(quoted));
    expect(handedOver.rows.map((row) => [row.rowKey, 'fields' in row && row.fields.jobTitle])).toEqual([['2', 'a'], ['3', 'Data\nAnalyst'], ['5', 'b'], ['6', 'c']]);
    expect(handedOver.split).toBe(1);
  });

  it('hands over at the right byte after bytes that are not UTF-8', async () => {
    const file = path.join(directory, 'latin1.csv');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(`${HEADER}\n2022,SE,FT,Ing`),
        Buffer.from([0xe9]), // "é" in Latin-1: not UTF-8
        Buffer.from(`nieur,1,USD,1,FR,0,FR,M\n${row('a')}\n2023,EN,PT,"Data\nAnalyst",5000,EUR,5400,DE,100,DE,S\n${row('b')}\n`),
      ]),
    );
    const fast = await readFast(file);
    expect(fast.rows).toEqual(await readByCsvParse(file));
    expect(fast.rows.map((row) => row.rowKey)).toEqual(['2', '3', '4', '6']);
    expect(fast.split).toBe(2);
  });

  it.each([
    ['a line of over a megabyte', `${HEADER}\n${row('a')}\n${row('x'.repeat(1.5 * 2 ** 20))}\n${row('b')}\n`, 1],
    ['only carriage returns between lines', `${HEADER}\r${row('a')}\r${'x'.repeat(2 ** 21)}\r${row('b')}\r`, 0],
  ])('leaves %s to csv-parse, holding at most a megabyte', async (_, content, split) => {
    const file = await fileOf(content);
    const fast = await readFast(file);
    expect(fast.rows).toEqual(await readByCsvParse(file));
    expect(fast.split).toBe(split);
  });

  it('reads 300 random files of commas, quotes, mixed line ends and text exactly as csv-parse does', async () => {
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 2 ** 16) % below;
    };
    const pieces = [',', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', 'a', 'Data Engineer', 'é', ' ', '2022', 'US', '100000'];
    for (let file = 0; file < 300; file++) {
      const ending = () => ['\n', '\r\n'][next(2)]!;
      const lines = Array.from({ length: 1 + next(8) }, () => (next(3) ? row(`t${next(100)}`) : Array.from({ length: next(40) }, () => pieces[next(pieces.length)]).join('')));
      let content = HEADER;
      for (const line of lines) content += ending() + line;
      if (next(2)) content += ending();
      const name = await fileOf(content);
      expect((await readFast(name)).rows, JSON.stringify(content)).toEqual(await readByCsvParse(name));
    }
  });

  it('reads a quoted header with csv-parse from the start', async () => {
    const file = await fileOf(`"work_year",${HEADER.slice('work_year,'.length)}\n${row('a')}\n`);
    const fast = await readFast(file);
    expect(fast.rows).toEqual(await readByCsvParse(file));
    expect(fast.split).toBe(0);
  });

  it('finds the right byte to hand over at, past many chunks of multi-byte characters', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 3000; i++) lines.push(row(`Ingénieur de données ✓ ${i}`, 50000 + i));
    lines.push('2023,EN,PT,"Ingénieur\nde données",5000,EUR,5400,DE,100,DE,S');
    for (let i = 0; i < 10; i++) lines.push(row(`Développeur ${i}`));
    const file = await fileOf(`${lines.join('\n')}\n`);
    const fast = await readFast(file);
    expect(fast.rows).toEqual(await readByCsvParse(file));
    expect(fast.rows).toHaveLength(3011);
    expect(fast.split).toBe(3000);
    expect(fast.rows.at(-1)).toMatchObject({ rowKey: '3013', fields: { jobTitle: 'Développeur 9' } });
  });

  it('fails the file when the header lacks a column of the format, or there is no header', async () => {
    await expect(readFast(await fileOf('work_year,job_title\n2022,Data Engineer\n'))).rejects.toThrow(ImportFileError);
    await expect(readFast(await fileOf(''))).rejects.toThrow(/empty/);
  });
});
