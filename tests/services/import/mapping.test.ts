import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.js';
import { MappingError, parseMapping, readMapping } from '../../../src/services/import/formats/mapping.js';
import { LEVELS_FYI_MAPPING } from './levels-fyi-data.js';

const minimal = (fields: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...rest,
    fields: { title: { column: 't' }, amount: { column: 'a' }, currency: { value: 'USD' }, period: { value: 2022 }, country: { column: 'c' }, ...fields },
  });

const problemsOf = (json: string) => {
  try {
    parseMapping(json, 'm.json');
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    return (error as Error).message;
  }
  throw new Error('the mapping was accepted');
};

describe('parseMapping', () => {
  it("takes the issue's Levels.fyi mapping as written", () => {
    expect(parseMapping(LEVELS_FYI_MAPPING, 'levels.json')).toEqual({
      csv: { delimiter: ';', quote: '"' },
      category: 'Software Engineering',
      fields: {
        title: { column: 'title' },
        amount: { column: 'totalyearlycompensation' },
        currency: { value: 'USD' },
        period: { value: '2021' },
        country: { column: 'location', parse: 'location' },
        level: { column: 'yearsofexperience', parse: 'years', thresholds: { MID: 2, SENIOR: 5, EXECUTIVE: 12 } },
        skills: { column: 'tag' },
      },
    });
  });

  it('defaults the CSV dialect to commas and double quotes, and takes numbers as constants', () => {
    expect(parseMapping(minimal(), 'm.json')).toMatchObject({ csv: { delimiter: ',', quote: '"' }, fields: { period: { value: '2022' } } });
  });

  it.each([
    ['a missing required field', JSON.stringify({ fields: { title: { column: 't' } } }), 'fields.amount: is required'],
    ['an unknown field', minimal({ salary: { column: 's' } }), 'fields.salary: is not a key a mapping can have'],
    ['an unknown key of a field', minimal({ title: { colum: 't' } }), 'fields.title.colum: is not a key a mapping can have'],
    ['a field with both column and value', minimal({ currency: { column: 'cur', value: 'USD' } }), 'fields.currency: needs either "column" or "value" (not both)'],
    ['an empty column name', minimal({ title: { column: ' ' } }), 'fields.title.column: must name a column'],
    ['years without thresholds', minimal({ level: { column: 'y', parse: 'years' } }), 'fields.level.thresholds: is required with "parse": "years"'],
    ['thresholds that do not increase', minimal({ level: { column: 'y', parse: 'years', thresholds: { MID: 5, SENIOR: 5 } } }), "fields.level.thresholds.SENIOR: must be more years than MID's"],
    ['a threshold for an unknown level', minimal({ level: { column: 'y', parse: 'years', thresholds: { JUNIOR: 1 } } }), 'fields.level.thresholds.JUNIOR: is not a key a mapping can have'],
    ['a negative threshold', minimal({ level: { column: 'y', parse: 'years', thresholds: { MID: -1 } } }), 'fields.level.thresholds.MID: Too small'],
    ['an unknown parse', minimal({ country: { column: 'c', parse: 'city' } }), 'fields.country.parse: Invalid option'],
    ['a location parse of a field that is no country', minimal({ title: { column: 't', parse: 'location' } }), 'fields.title.parse: "location" parses only country, companyLocation'],
    ['a split of a single-valued field', minimal({ title: { column: 't', split: '/' } }), 'fields.title.split: only list fields can be split (skills, certifications)'],
    ['a level map to something that is no level', minimal({ level: { column: 'l', map: { EN: 'JUNIOR' } } }), 'fields.level.map: "EN" maps to "JUNIOR", which is not one of ENTRY, MID, SENIOR, EXECUTIVE'],
    ['a constant row key', minimal({ rowKey: { value: 'x' } }), 'fields.rowKey.value: a row key must come from a column'],
    ['a two-character delimiter', minimal({}, { csv: { delimiter: ';;' } }), 'csv.delimiter: must be one character'],
    ['a delimiter that is the quote', minimal({}, { csv: { delimiter: '"' } }), 'csv.quote: the delimiter and the quote must differ'],
    ['an empty category', minimal({}, { category: '' }), 'category: cannot be empty'],
    ['an unknown top-level key', minimal({}, { delimiter: ';' }), 'delimiter: is not a key a mapping can have'],
    ['a mapping that is not an object', '[]', '(the mapping): Invalid input'],
  ])('refuses %s, naming the key', (_, json, problem) => {
    const message = problemsOf(json);
    expect(message).toMatch(/^m\.json is not a valid mapping: /);
    expect(message).toContain(problem);
  });

  it('lists every problem of a mapping at once', () => {
    const message = problemsOf(minimal({ title: { colum: 't' }, level: { column: 'y', parse: 'years' } }));
    expect(message).toContain('fields.title.colum: is not a key a mapping can have');
    expect(message).toContain('fields.level.thresholds: is required with "parse": "years"');
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseMapping('{"fields":', 'm.json')).toThrow(/^m\.json is not JSON: /);
  });
});

describe('readMapping', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-mapping-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('reads the shipped ai-jobs mapping', async () => {
    const mapping = await readMapping(path.join(projectRoot, 'data', 'mappings', 'ai-jobs.json'));
    expect(mapping.fields.level).toEqual({ column: 'experience_level', map: { EN: 'ENTRY', MI: 'MID', SE: 'SENIOR', EX: 'EXECUTIVE' } });
    expect(mapping.category).toBe('Data Science & AI');
  });

  it('names the file it cannot read or use', async () => {
    await expect(readMapping(path.join(directory, 'missing.json'))).rejects.toThrow(/^Cannot read the mapping .*missing\.json \(ENOENT\)$/);
    const bad = path.join(directory, 'bad.json');
    await writeFile(bad, minimal({ amount: undefined }));
    await expect(readMapping(bad)).rejects.toThrow('bad.json is not a valid mapping: fields.amount: is required');
  });
});
