import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError } from '../../../src/services/import/csv/csv-reader.js';
import { mappedFormat } from '../../../src/services/import/formats/mapped.js';
import { parseMapping } from '../../../src/services/import/formats/mapping.js';
import { ObservationImportService } from '../../../src/services/import/import.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { percentileCont } from '../../support/percentile-cont.js';

let database: TestDatabase;
let importer: ObservationImportService;
let directory: string;
let files = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  importer = new ObservationImportService(database);
  directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-mapped-'));
});
afterAll(async () => {
  await database.drop();
  await rm(directory, { recursive: true, force: true });
});

/** Imports `text` as a file read through `mapping` (an object, as its JSON would say). */
async function importMapped(mapping: object, text: string, sourceKey = `mapped-${++files}`) {
  const file = path.join(directory, `${sourceKey}.csv`);
  await writeFile(file, text);
  const format = mappedFormat(parseMapping(JSON.stringify(mapping), 'mapping.json'));
  return importer.importFile(file, format, { sourceKey, roleCategory: format.roleCategory });
}

/** A source's observations, by row. */
async function stored(sourceKey: string) {
  const { rows } = await database.pool.query(
    `SELECT coalesce(o.row_number::text, o.row_key) AS key, c.code AS country, r.slug AS role, r.category, o.level, o.period, o.job_title,
            o.employment_type, o.amount::text, o.currency_code, o.skills, o.certifications
     FROM observation o JOIN observation_source s ON s.id = o.source_id JOIN country c ON c.id = o.country_id JOIN role r ON r.id = o.role_id
     WHERE s.key = $1 ORDER BY o.row_number, o.row_key`,
    [sourceKey],
  );
  return rows;
}

const BASE_FIELDS = { title: { column: 'title' }, amount: { column: 'pay' }, currency: { value: 'USD' }, period: { value: '2022' }, country: { column: 'where' } };

describe('the mapped csv format', () => {
  it('reads levels from years of experience: below MID ENTRY, from each threshold its level', async () => {
    const mapping = { fields: { ...BASE_FIELDS, level: { column: 'yoe', parse: 'years', thresholds: { MID: 2, SENIOR: 5, EXECUTIVE: 12 } } } };
    const years = ['0', '1.99', '2', '4.9', '5', '11.5', '12', '30'];
    const summary = await importMapped(mapping, ['title,pay,where,yoe', ...years.map((yoe) => `Backend Engineer,100000,US,${yoe}`), ''].join('\n'), 'years');
    expect(summary).toMatchObject({ read: 8, imported: 8, rejected: 0 });
    expect((await stored('years')).map((row) => row.level)).toEqual(['ENTRY', 'ENTRY', 'MID', 'MID', 'SENIOR', 'SENIOR', 'EXECUTIVE', 'EXECUTIVE']);
  });

  it('maps codes exhaustively, ignoring case, and rejects a code the map lacks', async () => {
    const mapping = {
      fields: { ...BASE_FIELDS, level: { column: 'grade', map: { L3: 'ENTRY', L4: 'MID', L5: 'SENIOR' } }, employmentType: { column: 'kind', map: { permanent: 'FT', contractor: 'CT' } } },
    };
    const summary = await importMapped(mapping, 'title,pay,where,grade,kind\nSRE,90000,US,l4,Permanent\nSRE,95000,US,L5,\nSRE,99000,US,L9,contractor\n', 'codes');
    expect(summary).toMatchObject({ read: 3, imported: 2, rejected: 1, rejections: [{ row: '4', field: 'grade', reason: '"L9" is not one of the values the mapping maps (L3, L4, L5)' }] });
    expect((await stored('codes')).map((row) => [row.level, row.employment_type])).toEqual([
      ['MID', 'FT'],
      ['SENIOR', null],
    ]);
  });

  it('resolves countries from codes, English names and free-text locations', async () => {
    const mapping = { fields: { ...BASE_FIELDS, country: { column: 'where', parse: 'location' }, companyLocation: { column: 'hq' } } };
    const text = [
      'title,pay,where,hq',
      'Analyst,50000,"Seattle, WA",usa',
      'Analyst,50000,"London, EN, United Kingdom",Germany',
      'Analyst,50000,"Bengaluru, KA, India",IN',
      'Analyst,50000,Japan,',
      'Analyst,50000,"Springfield",US',
      'Analyst,50000,"Paris, France",Neverland',
      '',
    ].join('\n');
    const summary = await importMapped(mapping, text, 'countries');
    expect(summary).toMatchObject({
      imported: 4,
      rejected: 2,
      rejections: [
        { row: '6', field: 'where', reason: 'cannot tell the country of the location "Springfield"' },
        { row: '7', field: 'hq', reason: 'unknown country "Neverland" (expected an ISO 3166-1 alpha-2 or alpha-3 code or an English country name)' },
      ],
    });
    expect((await stored('countries')).map((row) => row.country)).toEqual(['US', 'GB', 'IN', 'JP']);
    const { rows } = await database.pool.query("SELECT company_location FROM observation o JOIN observation_source s ON s.id = o.source_id WHERE s.key = 'countries' ORDER BY row_number");
    expect(rows.map((row) => row.company_location)).toEqual(['US', 'DE', 'IN', null]);
  });

  it('lists every problem of a row with its line: those met reading it and those the shared checks find', async () => {
    const mapping = { fields: { ...BASE_FIELDS, country: { column: 'where', parse: 'location' }, level: { column: 'yoe', parse: 'years', thresholds: { SENIOR: 5 } } } };
    const summary = await importMapped(mapping, 'title,pay,where,yoe\n,-5,"Nowhere, XX",many\nDev,1000,"Austin, TX",\n', 'problems');
    expect(summary.rejections).toEqual([
      { row: '2', field: 'where', reason: 'cannot tell the country of the location "Nowhere, XX"' },
      { row: '2', field: 'yoe', reason: 'years of experience "many" is not a number of years' },
      { row: '2', field: 'title', reason: 'the job title is missing' },
      { row: '2', field: 'pay', reason: 'must be a positive amount, got "-5"' },
      { row: '3', field: 'yoe', reason: 'is missing' },
    ]);
    expect(summary).toMatchObject({ read: 2, imported: 0, rejected: 2 });
  });

  it('reads skill and certification lists: split where told, else the whole cell; renamed by the map; trimmed, each once', async () => {
    const mapping = {
      fields: { ...BASE_FIELDS, skills: { column: 'skills', split: '|', map: { py: 'Python', k8s: 'Kubernetes' } }, certifications: { column: 'cert' } },
    };
    const text = [
      'title,pay,where,skills,cert',
      'ML Engineer,150000,US, py | SQL|k8s||python ,"AWS Certified, Solutions Architect"',
      'ML Engineer,160000,US,,',
      'ML Engineer,170000,US,SQL,  ',
      '',
    ].join('\n');
    expect(await importMapped(mapping, text, 'lists')).toMatchObject({ imported: 3, rejected: 0 });
    expect((await stored('lists')).map((row) => [row.skills, row.certifications])).toEqual([
      [['Python', 'SQL', 'Kubernetes'], ['AWS Certified, Solutions Architect']],
      [null, null],
      [['SQL'], null],
    ]);
  });

  it('stores skill names with quotes, commas, backslashes and braces exactly as written, and whitespace runs as one space', async () => {
    const names = ['C, C++', 'say "hi"', 'back\\slash', '{braces}', 'NULL', 'ünï ✓', "it's", '\\"}{,', '\\N', 'tab\there', 'line\r\nbreak'];
    const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const text = `title,pay,where,skills\nDev,100000,US,${quoted(names.join('|'))}\n`;
    expect(await importMapped({ fields: { ...BASE_FIELDS, skills: { column: 'skills', split: '|' } } }, text, 'escapes')).toMatchObject({ imported: 1 });
    expect((await stored('escapes'))[0].skills).toEqual([...names.slice(0, -2), 'tab here', 'line break']);
  });

  it('reads its delimiter and quote, keys rows by a column, and adds nothing the second time', async () => {
    const mapping = { csv: { delimiter: ';', quote: "'" }, fields: { ...BASE_FIELDS, rowKey: { column: 'id' } } };
    const text = "id;title;pay;where\nA-1;'Platform; ''Core'' Engineer';120000;US\n7;Data Engineer;110000;DE\n;Data Engineer;1;DE\n";
    const first = await importMapped(mapping, text, 'keyed');
    expect(first).toMatchObject({ read: 3, imported: 2, rejected: 1, rejections: [{ row: '4', field: 'id', reason: 'the row key is missing' }] });
    expect((await stored('keyed')).map((row) => [row.key, row.job_title])).toEqual([
      ['7', 'Data Engineer'],
      ['A-1', "Platform; 'Core' Engineer"],
    ]);
    expect(await importMapped(mapping, text, 'keyed')).toMatchObject({ read: 3, imported: 0, duplicates: 2, rejected: 1 });
  });

  it('creates roles in the category of the row, else of the file, else Uncategorised', async () => {
    const perRow = { category: 'Engineering', fields: { ...BASE_FIELDS, category: { column: 'dept' } } };
    await importMapped(perRow, 'title,pay,where,dept\nQuant Researcher,200000,US,Finance\nFirmware Engineer,100000,US,\n', 'categories');
    await importMapped({ fields: BASE_FIELDS }, 'title,pay,where\nProduct Designer,100000,US\n', 'no-category');
    const { rows } = await database.pool.query("SELECT slug, category FROM role WHERE slug IN ('quant-researcher', 'firmware-engineer', 'product-designer') ORDER BY slug");
    expect(rows).toEqual([
      { slug: 'firmware-engineer', category: 'Engineering' },
      { slug: 'product-designer', category: 'Uncategorised' },
      { slug: 'quant-researcher', category: 'Finance' },
    ]);
  });

  it('refuses a file without a column the mapping names before reading any row, naming the column', async () => {
    const mapping = { fields: { ...BASE_FIELDS, skills: { column: 'tag' }, certifications: { column: 'certs', split: '|' } } };
    await expect(importMapped(mapping, 'title,pay,where\nDev,1,US\n', 'no-column')).rejects.toThrow(ImportFileError);
    await expect(importMapped(mapping, 'title,pay,where\nDev,1,US\n', 'no-column')).rejects.toThrow('The header lacks the column(s) the mapping names: tag, certs (found: title, pay, where)');
    expect(await stored('no-column')).toEqual([]);
  });

  it('without a level, counts an observation in its market’s all-levels snapshot only', async () => {
    const leveled = [101_000, 99_000, 120_000, 87_500];
    const unleveled = [150_000, 64_000, 91_000];
    await importMapped(
      { fields: { ...BASE_FIELDS, level: { column: 'level' } } },
      ['title,pay,where,level', ...leveled.map((pay) => `Growth Analyst,${pay},CA,MID`), ''].join('\n'),
      'leveled',
    );
    await importMapped({ fields: BASE_FIELDS }, ['title,pay,where', ...unleveled.map((pay) => `Growth Analyst,${pay},CA`), ''].join('\n'), 'unleveled');
    expect((await stored('unleveled')).map((row) => row.level)).toEqual(['ALL', 'ALL', 'ALL']);
    const { rows } = await database.pool.query(
      `SELECT s.level, s.sample_size, s.median::float8 AS median FROM market_snapshot s JOIN role r ON r.id = s.role_id
       WHERE r.slug = 'growth-analyst' ORDER BY s.level`,
    );
    const all = [...leveled, ...unleveled].sort((a, b) => a - b);
    const mid = [...leveled].sort((a, b) => a - b);
    expect(rows).toEqual([
      { level: 'ALL', sample_size: all.length, median: percentileCont(all, 0.5) },
      { level: 'MID', sample_size: mid.length, median: percentileCont(mid, 0.5) },
    ]);
  });
});
