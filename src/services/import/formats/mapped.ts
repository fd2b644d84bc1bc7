/**
 * The `csv` format: any CSV file, its columns turned into observations as a mapping file says
 * (see mapping.ts). Values are read as the mapping asks (a code map, a location, years of
 * experience, a list); everything read then goes through the checks every source shares.
 */
import { countryCodeOf } from '../../../domain/country-name.js';
import { countryOfLocation } from '../../../domain/location.js';
import { ExperienceLevel } from '../../../generated/prisma/enums.js';
import { isCountryCode, isCurrencyCode } from '../../catalog/countries.js';
import { DEFAULT_ROLE_CATEGORY, OBSERVATION_LEVELS, rowKeyProblem, type FieldProblem, type ObservationField, type ObservationFields, type ObservationLevel, type ReadFields } from '../observation.js';
import type { ImportFormat } from './format.js';
import type { FieldMapping, Mapping, MappedField, ThresholdLevel } from './mapping.js';

export const MAPPED_FORMAT_NAME = 'csv';

/** The observation field each mapping field fills (rowKey is the row's key, not a field). */
const OBSERVATION_FIELD: Readonly<Record<Exclude<MappedField, 'rowKey'>, ObservationField>> = {
  title: 'jobTitle',
  amount: 'amount',
  currency: 'currencyCode',
  period: 'year',
  country: 'countryCode',
  level: 'level',
  employmentType: 'employmentType',
  skills: 'skills',
  certifications: 'certifications',
  category: 'roleCategory',
  originalAmount: 'originalAmount',
  originalCurrency: 'originalCurrency',
  remoteRatio: 'remoteRatio',
  companyLocation: 'companyLocation',
  companySize: 'companySize',
};

const YEARS = /^\d+(?:\.\d+)?$/;
/** Distinct country texts remembered per field: a file has few, and resolving a name scans the library's list. */
const MAX_REMEMBERED_COUNTRIES = 10_000;

type Lookup = (column: string) => string | undefined;
/** A field's value in a row, undefined when the row has none, or why it cannot be read. */
type Reader<T> = (value: Lookup) => T | undefined | FieldProblem;

const isProblem = (read: unknown): read is FieldProblem => typeof read === 'object' && read !== null && 'reason' in read;

/** The level of `years` of experience: the highest whose threshold they reach, else ENTRY. */
function levelOfYears(thresholds: Partial<Record<ThresholdLevel, number>>): (years: number) => ExperienceLevel {
  const ascending = (Object.entries(thresholds) as [ThresholdLevel, number | undefined][])
    .filter((entry): entry is [ThresholdLevel, number] => entry[1] !== undefined)
    .sort((a, b) => b[1] - a[1]);
  return (years) => ascending.find(([, threshold]) => years >= threshold)?.[0] ?? ExperienceLevel.ENTRY;
}

/** A code map, looked up as written, else ignoring case. */
function codeMap(map: Readonly<Record<string, string>>): (raw: string) => string | undefined {
  const exact = new Map(Object.entries(map));
  const folded = new Map(Object.entries(map).map(([raw, value]) => [raw.toLowerCase(), value]));
  return (raw) => exact.get(raw) ?? folded.get(raw.toLowerCase());
}

/** A resolver of country texts that remembers what it resolved. */
function remembered(resolve: (text: string) => string | undefined): (text: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (text) => {
    if (known.has(text)) return known.get(text);
    if (known.size >= MAX_REMEMBERED_COUNTRIES) known.clear();
    const code = resolve(text);
    known.set(text, code);
    return code;
  };
}

/** A mapping field's text in a row: its column's value, or its constant. */
function rawReader(field: FieldMapping): (value: Lookup) => string | undefined {
  if (field.column === undefined) {
    const constant = field.value;
    return () => constant;
  }
  const column = field.column;
  return (value) => value(column);
}

/** A single value, read as the mapping says; problems name the field `label`. */
function scalarReader(name: MappedField, field: FieldMapping, label: string): Reader<string> {
  const raw = rawReader(field);
  const problem = (reason: string): FieldProblem => ({ field: label, reason });
  if (field.map) {
    const lookUp = codeMap(field.map);
    const expected = Object.keys(field.map).slice(0, 10).join(', ');
    return (value) => {
      const text = raw(value)?.trim();
      if (!text) return undefined;
      return lookUp(text) ?? problem(`"${text}" is not one of the values the mapping maps (${expected}${Object.keys(field.map!).length > 10 ? ', …' : ''})`);
    };
  }
  if (field.parse === 'years') {
    const levelOf = levelOfYears(field.thresholds!);
    return (value) => {
      const text = raw(value)?.trim();
      if (!text) return undefined;
      return YEARS.test(text) ? levelOf(Number(text)) : problem(`years of experience "${text}" is not a number of years`);
    };
  }
  if (field.parse === 'location') {
    const countryOf = remembered(countryOfLocation);
    return (value) => {
      const text = raw(value)?.trim();
      if (!text) return undefined;
      return countryOf(text) ?? problem(`cannot tell the country of the location "${text}"`);
    };
  }
  if (name === 'country' || name === 'companyLocation') {
    const countryOf = remembered(countryCodeOf);
    return (value) => {
      const text = raw(value)?.trim();
      if (!text) return undefined;
      return countryOf(text) ?? problem(`unknown country "${text}" (expected an ISO 3166-1 alpha-2 or alpha-3 code or an English country name)`);
    };
  }
  return raw;
}

/** A list: the cell split where the mapping says (else the whole cell is one name), each name renamed by the map if it names it. */
function listReader(field: FieldMapping): Reader<string[]> {
  const raw = rawReader(field);
  const rename = field.map && codeMap(field.map);
  return (value) => {
    const text = raw(value);
    if (!text?.trim()) return undefined;
    const names = (field.split === undefined ? [text] : text.split(field.split)).map((name) => name.trim()).filter(Boolean);
    return rename ? names.map((name) => rename(name) ?? name) : names;
  };
}

/** A value validateObservation stores as written once trimmed and upper-cased: one it leaves unchanged, with nothing COPY escapes. */
const storedAsWritten = (text: string) => text !== '' && text === text.trim().toUpperCase() && !/[\\\t\n\r\0]/.test(text);

/**
 * What a mapping takes as written (see ImportFormat.verbatim), so that most records of a file skip
 * toObservation and validateObservation as the ai-jobs format's do: only when each field the fast
 * path writes comes unchanged from a column of its own, but for code maps of the level and the
 * employment type, and the currency is a constant. Level and employment-type codes, and country
 * codes, are taken as written only where reading them as the mapping says gives the same value;
 * any other record goes through toObservation, as every record of other mappings does.
 */
function verbatimOf({ fields }: Mapping): ImportFormat['verbatim'] {
  const plain = (field: FieldMapping | undefined) => field?.column !== undefined && !field.map && !field.parse;
  const { level, employmentType, currency } = fields;
  if (fields.rowKey || fields.skills || fields.certifications || fields.category) return undefined;
  const copied = [fields.period, fields.title, fields.amount, fields.originalAmount, fields.originalCurrency, fields.country, fields.companyLocation, fields.remoteRatio, fields.companySize];
  if (!copied.every(plain)) return undefined;
  if (currency?.value === undefined || !storedAsWritten(currency.value) || !isCurrencyCode(currency.value)) return undefined;
  if (level?.column === undefined || level.parse || employmentType?.column === undefined || employmentType.parse) return undefined;
  // A code read from the file is trimmed before it is looked up: only keys without spaces around them match as written.
  const levels = Object.entries(level.map ?? Object.fromEntries(OBSERVATION_LEVELS.map((name) => [name, name]))).filter(([raw, value]) =>
    raw !== '' && raw === raw.trim() && (OBSERVATION_LEVELS as readonly string[]).includes(value),
  );
  const employmentTypes = Object.entries(employmentType.map ?? {}).filter(([raw, value]) => storedAsWritten(raw) && value.trim().toUpperCase() === raw);
  const countryCodes = new Map<string, boolean>();
  return {
    levels: Object.fromEntries(levels) as Record<string, ObservationLevel>,
    employmentTypes: employmentTypes.map(([raw]) => raw),
    currencyCode: currency.value,
    // The mapping reads countries by name or code (countryCodeOf), which knows a few codes fewer than validation does.
    countryCodes: (code) => {
      let known = countryCodes.get(code);
      if (known === undefined) {
        known = isCountryCode(code) && countryCodeOf(code) === code;
        if (countryCodes.size < MAX_REMEMBERED_COUNTRIES) countryCodes.set(code, known);
      }
      return known;
    },
  };
}

/**
 * The format a mapping describes. Its columns are the ones the mapping names, so a file without
 * one of them is refused before any row is read.
 */
export function mappedFormat(mapping: Mapping): ImportFormat {
  const { fields } = mapping;
  const labelOf = (name: MappedField) => fields[name]?.column ?? `fields.${name}`;
  const columnOfField = new Map<ObservationField, string>();
  const readers: [ObservationField, string, Reader<string | string[]>][] = [];
  for (const [name, field] of Object.entries(fields) as [MappedField, FieldMapping | undefined][]) {
    if (!field || name === 'rowKey') continue;
    const observationField = OBSERVATION_FIELD[name];
    columnOfField.set(observationField, labelOf(name));
    readers.push([observationField, labelOf(name), name === 'skills' || name === 'certifications' ? listReader(field) : scalarReader(name, field, labelOf(name))]);
  }
  const rowKey = fields.rowKey && rawReader(fields.rowKey);
  const hasLevel = fields.level !== undefined;

  return {
    name: MAPPED_FORMAT_NAME,
    description: 'any CSV file, read as the mapping file given with --mapping says',
    roleCategory: mapping.category ?? DEFAULT_ROLE_CATEGORY,
    csv: mapping.csv,
    verbatim: verbatimOf(mapping),
    columns: [...new Set(Object.values(fields).flatMap((field) => (field?.column === undefined ? [] : [field.column])))],
    columnsLabel: 'column(s) the mapping names:',
    columnOf: (field) => columnOfField.get(field) ?? field,
    toObservation(value): ReadFields {
      const read: Partial<Record<ObservationField, string | string[]>> = {};
      const problems: FieldProblem[] = [];
      for (const [field, , reader] of readers) {
        const result = reader(value);
        if (isProblem(result)) problems.push(result);
        else if (result !== undefined) read[field] = result;
      }
      const observation = { ...read, level: hasLevel ? (read.level ?? '') : null } as ObservationFields;
      return { fields: observation, problems };
    },
    rowKeyOf: rowKey
      ? (value) => {
          const key = rowKey(value)?.trim() ?? '';
          const reason = rowKeyProblem(key);
          return reason ? { field: fields.rowKey!.column!, reason: `the row key ${reason}` } : key;
        }
      : undefined,
  };
}
