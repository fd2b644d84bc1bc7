import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ImportFileError, readCsvRows, type SourceRow } from '../../../src/services/import/csv/csv-reader.js';
import { aiJobsFormat } from '../../../src/services/import/formats/ai-jobs.js';

const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

async function read(text: string, chunkSize = 7): Promise<SourceRow[]> {
  // Small chunks: records and lines must survive being split anywhere.
  const chunks = text.match(new RegExp(`[\\s\\S]{1,${chunkSize}}`, 'g')) ?? [];
  const rows: SourceRow[] = [];
  for await (const chunk of readCsvRows(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), aiJobsFormat)) rows.push(...chunk);
  return rows;
}

describe('readCsvRows (ai-jobs)', () => {
  it('keys each row by the line it starts on, across quoted newlines, CRLF, blank lines and a BOM', async () => {
    const rows = await read(
      `\uFEFF${HEADER}\r\n2022,SE,FT,Data Engineer,100,USD,100,US,0,US,M\r\n\r\n2023,EN,PT,"Data\r\nAnalyst",5000,EUR,5400,DE,100,DE,S\r\n2021,EX,FL,"Head, ""Data""",1,USD,1,GB,50,GB,L\r\n`,
    );
    expect(rows.map((row) => row.rowKey)).toEqual(['2', '4', '6']);
    expect(rows[1]).toEqual({
      rowKey: '4',
      fields: {
        year: '2023',
        level: 'ENTRY',
        employmentType: 'PT',
        jobTitle: 'Data\r\nAnalyst',
        originalAmount: '5000',
        originalCurrency: 'EUR',
        amount: '5400',
        currencyCode: 'USD',
        countryCode: 'DE',
        remoteRatio: '100',
        companyLocation: 'DE',
        companySize: 'S',
      },
    });
    expect(rows[2]).toMatchObject({ rowKey: '6', fields: { jobTitle: 'Head, "Data"', level: 'EXECUTIVE' } });
  });

  it('ends a record at every line break, whichever of CRLF, LF and CR a file mixes', async () => {
    const line = (title: string) => `2022,SE,FT,${title},100,USD,100,US,0,US,M`;
    const rows = await read(`${HEADER}\r\n${line('a')}\n${line('b')}\r\n${line('c')}\r${line('d')}\n\n${line('e')}`);
    expect(rows.map((row) => [row.rowKey, 'fields' in row && row.fields.jobTitle])).toEqual([['2', 'a'], ['3', 'b'], ['4', 'c'], ['5', 'd'], ['7', 'e']]);
  });

  it('turns an unreadable record into a problem and goes on with the next line', async () => {
    const rows = await read(`${HEADER}\n2022,SE,FT,Data "Engineer,100,USD,100,US,0,US,M\n2022,SE,FT,x,1,USD,1,US,0,US,M\n2022,SE,FT,Data Engineer,100,USD,100,US,0\n2022,SE,FT,y,1,USD,1,US,0,US,M\n`);
    expect(rows).toEqual([
      { rowKey: '2', problem: { field: 'line', reason: expect.stringMatching(/^unreadable CSV: /) } },
      { rowKey: '3', fields: expect.objectContaining({ jobTitle: 'x' }) },
      { rowKey: '4', problem: { field: 'line', reason: 'expected 11 fields, found 9' } },
      { rowKey: '5', fields: expect.objectContaining({ jobTitle: 'y' }) },
    ]);
  });

  it('fails the file, not a row, when the header lacks a column of the format', async () => {
    await expect(read('work_year,job_title\n2022,Data Engineer\n')).rejects.toThrow(ImportFileError);
    await expect(read('work_year,job_title\n2022,Data Engineer\n')).rejects.toThrow(/lacks the ai-jobs column\(s\) experience_level, employment_type, salary, salary_currency, salary_in_usd, employee_residence, remote_ratio, company_location, company_size \(found: work_year, job_title\)/);
    await expect(read('')).rejects.toThrow(/empty/);
  });

  it('fails the file, rather than taking the next line for its header, when the header is unreadable', async () => {
    await expect(read(`work_"year,x\n${HEADER}\n2022,SE,FT,a,1,USD,1,US,0,US,M\n`)).rejects.toThrow(/^The header line is not readable CSV: Invalid Opening Quote/);
  });

  it('quotes at most the start of a huge value in a reason or an error', async () => {
    const huge = 'x'.repeat(2_000_000);
    const [row] = await read(`${HEADER}\n2022,SE,FT,${huge}"Engineer,100,USD,100,US,0,US,M\n`, 1 << 16);
    expect(row).toEqual({ rowKey: '2', problem: { field: 'line', reason: expect.stringMatching(/^unreadable CSV: .*xxx… \([\d,]+ characters\)$/) } });
    expect((row as { problem: { reason: string } }).problem.reason.length).toBeLessThan(300);
    const error = await read(`${huge}\n`, 1 << 16).catch((error: Error) => error);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/\(found: x{200}… \(2,000,000 characters\)\)$/);
  });
});
