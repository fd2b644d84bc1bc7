/**
 * A mapping file: how the columns of a user's CSV file make salary observations (see mapped.ts).
 * Validated with zod on load; every problem is reported with the path of the key at fault.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MAX_ROLE_CATEGORY_LENGTH, OBSERVATION_LEVELS } from '../observation.js';

/** The mapping cannot be used: its message names the file and every bad key's path. */
export class MappingError extends Error {}

const THRESHOLD_LEVELS = ['MID', 'SENIOR', 'EXECUTIVE'] as const;
export type ThresholdLevel = (typeof THRESHOLD_LEVELS)[number];

const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined) };

const fieldSchema = z
  .strictObject(
    {
      column: z.string().trim().min(1, 'must name a column').optional(),
      value: z.union([z.string(), z.number()]).transform(String).optional(),
      split: z.string().min(1, 'must be at least one character').optional(),
      map: z.record(z.string(), z.string()).optional(),
      parse: z.enum(['location', 'years']).optional(),
      thresholds: z
        .strictObject(Object.fromEntries(THRESHOLD_LEVELS.map((level) => [level, z.number().nonnegative().optional()])) as Record<ThresholdLevel, z.ZodOptional<z.ZodNumber>>)
        .optional(),
    },
    required,
  )
  .superRefine((field, context) => {
    if ((field.column === undefined) === (field.value === undefined)) context.addIssue({ code: 'custom', message: 'needs either "column" or "value" (not both)' });
    if (field.parse === 'years' && !field.thresholds) context.addIssue({ code: 'custom', path: ['thresholds'], message: 'is required with "parse": "years"' });
    if (field.thresholds && field.parse !== 'years') context.addIssue({ code: 'custom', path: ['thresholds'], message: 'goes only with "parse": "years"' });
    if (field.parse && field.map) context.addIssue({ code: 'custom', path: ['map'], message: `cannot go with "parse": "${field.parse}"` });
    const given = THRESHOLD_LEVELS.filter((level) => field.thresholds?.[level] !== undefined);
    if (field.thresholds && !given.length) context.addIssue({ code: 'custom', path: ['thresholds'], message: `must give the years of at least one of ${THRESHOLD_LEVELS.join(', ')}` });
    given.slice(1).forEach((level, index) => {
      if (field.thresholds![level]! <= field.thresholds![given[index]!]!) {
        context.addIssue({ code: 'custom', path: ['thresholds', level], message: `must be more years than ${given[index]}'s` });
      }
    });
  });

export type FieldMapping = z.infer<typeof fieldSchema>;

const FIELD_NAMES = [
  'title', 'amount', 'currency', 'period', 'country', 'level', 'employmentType', 'rowKey', 'skills', 'certifications', 'category',
  'originalAmount', 'originalCurrency', 'remoteRatio', 'companyLocation', 'companySize',
] as const;
export type MappedField = (typeof FIELD_NAMES)[number];
const REQUIRED_FIELDS: readonly MappedField[] = ['title', 'amount', 'currency', 'period', 'country'];
/** Fields holding lists, the only ones a value can be split in. */
export const LIST_FIELDS: readonly MappedField[] = ['skills', 'certifications'];
/** Fields naming a country, the only ones that can parse a location. */
export const COUNTRY_FIELDS: readonly MappedField[] = ['country', 'companyLocation'];

const mappingSchema = z
  .strictObject({
    description: z.string().optional(),
    csv: z
      .strictObject({
        delimiter: z.string().length(1, 'must be one character').refine((text) => !/[\r\n]/.test(text), 'cannot be a line break').default(','),
        quote: z.string().length(1, 'must be one character').refine((text) => !/[\r\n]/.test(text), 'cannot be a line break').default('"'),
      })
      .refine((csv) => csv.delimiter !== csv.quote, { message: 'the delimiter and the quote must differ', path: ['quote'] })
      .default({ delimiter: ',', quote: '"' }),
    category: z.string().trim().min(1, 'cannot be empty').max(MAX_ROLE_CATEGORY_LENGTH).optional(),
    fields: z.strictObject(
      Object.fromEntries(FIELD_NAMES.map((name) => [name, REQUIRED_FIELDS.includes(name) ? fieldSchema : fieldSchema.optional()])) as Record<MappedField, typeof fieldSchema>,
      required,
    ),
  }, required)
  .superRefine(({ fields }, context) => {
    const problem = (name: string, key: string, message: string) => context.addIssue({ code: 'custom', path: ['fields', name, key], message });
    for (const [name, field] of Object.entries(fields) as [MappedField, FieldMapping | undefined][]) {
      if (!field) continue;
      if (field.split !== undefined && !LIST_FIELDS.includes(name)) problem(name, 'split', `only list fields can be split (${LIST_FIELDS.join(', ')})`);
      if (field.parse === 'location' && !COUNTRY_FIELDS.includes(name)) problem(name, 'parse', `"location" parses only ${COUNTRY_FIELDS.join(', ')}`);
      if (field.parse === 'years' && name !== 'level') problem(name, 'parse', '"years" parses only level');
    }
    if (fields.rowKey?.value !== undefined) problem('rowKey', 'value', 'a row key must come from a column');
    for (const [raw, level] of Object.entries(fields.level?.map ?? {})) {
      if (!(OBSERVATION_LEVELS as readonly string[]).includes(level)) problem('level', 'map', `"${raw}" maps to "${level}", which is not one of ${OBSERVATION_LEVELS.join(', ')}`);
    }
  });

export type Mapping = z.infer<typeof mappingSchema>;

/**
 * The mapping in `json` (the text of a mapping file named `name`).
 * @throws MappingError for text that is not JSON or not a valid mapping, naming every bad key.
 */
export function parseMapping(json: string, name: string): Mapping {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new MappingError(`${name} is not JSON: ${(error as Error).message}`);
  }
  const result = mappingSchema.safeParse(data);
  if (result.success) return result.data;
  const at = (keys: readonly PropertyKey[]) => (keys.length ? keys.join('.') : '(the mapping)');
  const problems = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `${at([...issue.path, key])}: is not a key a mapping can have`) : [`${at(issue.path)}: ${issue.message}`],
  );
  throw new MappingError(`${name} is not a valid mapping: ${problems.join('; ')}`);
}

/**
 * Reads and checks the mapping file `file`.
 * @throws MappingError when it cannot be read, is not JSON or is not a valid mapping.
 */
export async function readMapping(file: string): Promise<Mapping> {
  const json = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new MappingError(`Cannot read the mapping ${file} (${error.code ?? error.message})`);
  });
  return parseMapping(json, path.basename(file));
}
