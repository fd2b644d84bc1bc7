/**
 * One salary observation on its way in: the fields a source gives (still text, unchecked), the
 * checks every source shares, and the validated result the loader writes.
 */
import { isCountryCode, isCurrencyCode } from '../catalog/countries.js';
import { ExperienceLevel } from '../../generated/prisma/enums.js';

/** The levels an observation can have: every ExperienceLevel but ALL, which only snapshots aggregate. */
export type ObservationLevel = Exclude<ExperienceLevel, 'ALL'>;
export const OBSERVATION_LEVELS: readonly ObservationLevel[] = Object.values(ExperienceLevel).filter((level): level is ObservationLevel => level !== ExperienceLevel.ALL);

/** An observation as a source states it. Every value is as read; absent optional fields are undefined. */
export interface ObservationFields {
  countryCode: string;
  jobTitle: string;
  /** null: the source gives no level, and the observation counts in the all-levels snapshot only. */
  level: string | null;
  year: string;
  /** The amount in the source's reporting currency (the one snapshots aggregate). */
  amount: string;
  currencyCode: string;
  originalAmount?: string;
  originalCurrency?: string;
  employmentType?: string;
  remoteRatio?: string;
  companyLocation?: string;
  companySize?: string;
  /** The skills the source lists for this data point, each as it names it. */
  skills?: readonly string[];
  certifications?: readonly string[];
  /** Category of the role this row's job title creates, when the source gives one per row. */
  roleCategory?: string;
}

export type ObservationField = keyof ObservationFields;

/** A checked observation, ready to load. Amounts are decimal strings; codes are upper case. */
export interface ValidObservation {
  countryCode: string;
  jobTitle: string;
  /** ALL when the source gives no level: such an observation counts in the all-levels snapshot only. */
  level: ExperienceLevel;
  period: string;
  amount: string;
  currencyCode: string;
  originalAmount: string | null;
  originalCurrency: string | null;
  employmentType: string | null;
  remoteRatio: number | null;
  companyLocation: string | null;
  companySize: string | null;
  /** Trimmed, inner whitespace collapsed, each name once (compared ignoring case); null when none. */
  skills: string[] | null;
  certifications: string[] | null;
  roleCategory: string | null;
}

/** Why a row was not loaded: the field at fault (in the source's own naming) and the reason. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** A row's fields as a source read them, and the problems of those it could not read (left out of `fields`). */
export interface ReadFields {
  fields: ObservationFields;
  problems: FieldProblem[];
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;
const SIGNED_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** numeric(14, 2) holds amounts below 10^12. */
const MAX_AMOUNT_DIGITS = 12;
const MAX_TITLE_LENGTH = 200;
const FIRST_YEAR = 1900;
const COMPANY_SIZES = new Set(['S', 'M', 'L']);
/** Bounds of a skill or certification list, so one row cannot carry a document. */
export const MAX_LISTED_NAMES = 50;
export const MAX_LISTED_NAME_LENGTH = 100;
export const MAX_ROLE_CATEGORY_LENGTH = 100;
/** Category of the roles a source creates when it names none. */
export const DEFAULT_ROLE_CATEGORY = 'Uncategorised';
/** PostgreSQL's text cannot hold the NUL character. */
export const NUL_CHARACTER = 'contains a NUL character, which text cannot hold';

class Rejected extends Error {
  constructor(readonly problem: FieldProblem) {
    super(problem.reason);
  }
}

const reject = (field: string, reason: string): never => {
  throw new Rejected({ field, reason });
};

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function positiveAmount(value: string | undefined, field: string): string {
  const text = present(value);
  if (text === undefined) return reject(field, 'is missing');
  if (SIGNED_NUMBER.test(text) && Number(text) <= 0) return reject(field, `must be a positive amount, got "${text}"`);
  if (!AMOUNT.test(text)) return reject(field, `is not an amount with at most 2 decimals: "${text}"`);
  const [whole] = text.split('.');
  if (whole!.replace(/^0+(?=\d)/, '').length > MAX_AMOUNT_DIGITS) return reject(field, `is too large: "${text}"`);
  return text;
}

function currency(value: string | undefined, field: string): string {
  const code = present(value)?.toUpperCase();
  if (code === undefined) return reject(field, 'is missing');
  if (!isCurrencyCode(code)) return reject(field, `unknown currency "${code}" (expected an ISO 4217 code such as "USD")`);
  return code;
}

function country(value: string | undefined, field: string, required: boolean): string | null {
  const code = present(value)?.toUpperCase();
  if (code === undefined) return required ? reject(field, 'is missing') : null;
  if (!isCountryCode(code)) return reject(field, `unknown country code "${code}" (expected ISO 3166-1 alpha-2, e.g. "US")`);
  return code;
}

function year(value: string | undefined, field: string, today: Date): string {
  const text = present(value);
  if (text === undefined) return reject(field, 'is missing');
  if (!/^\d{4}$/.test(text)) return reject(field, `cannot parse the year "${text}"`);
  const latest = today.getUTCFullYear();
  if (Number(text) < FIRST_YEAR || Number(text) > latest) return reject(field, `year ${text} is outside ${FIRST_YEAR}–${latest}`);
  return text;
}

function title(value: string | undefined, field: string): string {
  const text = value?.trim().replace(/\s+/g, ' ');
  if (!text) return reject(field, 'the job title is missing');
  if (text.length > MAX_TITLE_LENGTH) return reject(field, `the job title is longer than ${MAX_TITLE_LENGTH} characters`);
  if (!/[\p{L}\p{N}]/u.test(text)) return reject(field, `the job title "${text}" has no letters or digits`);
  if (text.includes('\0')) return reject(field, NUL_CHARACTER);
  return text;
}

/** Free text stored as written (upper-cased), or null when absent. */
function freeText(value: string | undefined, field: string): string | null {
  const text = present(value)?.toUpperCase();
  if (text?.includes('\0')) return reject(field, NUL_CHARACTER);
  return text ?? null;
}

/** A list of skill or certification names as stored, or null when it names none. */
function names(values: readonly string[] | undefined, field: string): string[] | null {
  if (!values?.length) return null;
  const seen = new Set<string>();
  const kept: string[] = [];
  values.forEach((value, index) => {
    const name = value.trim().replace(/\s+/g, ' ');
    if (!name) reject(field, `entry ${index + 1} is empty`);
    if (name.length > MAX_LISTED_NAME_LENGTH) reject(field, `entry ${index + 1} is longer than ${MAX_LISTED_NAME_LENGTH} characters`);
    if (name.includes('\0')) reject(field, NUL_CHARACTER);
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    kept.push(name);
  });
  if (kept.length > MAX_LISTED_NAMES) return reject(field, `lists ${kept.length} names, more than ${MAX_LISTED_NAMES}`);
  return kept;
}

/** A row's own role category, or null when it names none (its source's applies). */
function roleCategory(value: string | undefined, field: string): string | null {
  const text = value?.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  if (text.length > MAX_ROLE_CATEGORY_LENGTH) return reject(field, `the role category is longer than ${MAX_ROLE_CATEGORY_LENGTH} characters`);
  if (text.includes('\0')) return reject(field, NUL_CHARACTER);
  return text;
}

function level(value: string | undefined, field: string): ObservationLevel {
  const text = present(value)?.toUpperCase();
  if (text === undefined) return reject(field, 'is missing');
  if (!(OBSERVATION_LEVELS as readonly string[]).includes(text)) {
    return reject(field, `unknown experience level "${text}" (expected ${OBSERVATION_LEVELS.join(', ')})`);
  }
  return text as ObservationLevel;
}

function remoteRatio(value: string | undefined, field: string): number | null {
  const text = present(value);
  if (text === undefined) return null;
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) return reject(field, `must be a whole percentage from 0 to 100, got "${text}"`);
  return Number(text);
}

function companySize(value: string | undefined, field: string): string | null {
  const text = present(value)?.toUpperCase();
  if (text === undefined) return null;
  if (!COMPANY_SIZES.has(text)) return reject(field, `unknown company size "${text}" (expected S, M or L)`);
  return text;
}

/**
 * Checks an observation the way every source is checked: a positive amount with at most 2
 * decimals in a known currency, a parseable year no later than this one, a job title, a known
 * experience level (unless the source has none) and known ISO country codes; skill and
 * certification lists of at most MAX_LISTED_NAMES non-empty names.
 * `fieldName` turns a field into the name the source uses (a CSV column, an input path), so
 * problems are reported in the caller's terms.
 * @returns the checked observation, or every problem found (one per field at fault, in field order).
 */
export function validateObservation(
  fields: ObservationFields,
  fieldName: (field: ObservationField) => string = (field) => field,
  today: Date = new Date(),
): ValidObservation | FieldProblem[] {
  const problems: FieldProblem[] = [];
  // A rejected value is never used: the problems are returned instead of the observation.
  const checked = <T>(check: () => T) => unlessRejected(check, (problem) => problems.push(problem)) as T;
  const originalAmount = present(fields.originalAmount);
  const observation: ValidObservation = {
    countryCode: checked(() => country(fields.countryCode, fieldName('countryCode'), true)!),
    jobTitle: checked(() => title(fields.jobTitle, fieldName('jobTitle'))),
    level: fields.level === null ? ExperienceLevel.ALL : checked(() => level(fields.level ?? undefined, fieldName('level'))),
    period: checked(() => year(fields.year, fieldName('year'), today)),
    amount: checked(() => positiveAmount(fields.amount, fieldName('amount'))),
    currencyCode: checked(() => currency(fields.currencyCode, fieldName('currencyCode'))),
    originalAmount: originalAmount === undefined ? null : checked(() => positiveAmount(originalAmount, fieldName('originalAmount'))),
    originalCurrency: originalAmount === undefined ? null : checked(() => currency(fields.originalCurrency, fieldName('originalCurrency'))),
    employmentType: checked(() => freeText(fields.employmentType, fieldName('employmentType'))),
    remoteRatio: checked(() => remoteRatio(fields.remoteRatio, fieldName('remoteRatio'))),
    companyLocation: checked(() => country(fields.companyLocation, fieldName('companyLocation'), false)),
    companySize: checked(() => companySize(fields.companySize, fieldName('companySize'))),
    skills: checked(() => names(fields.skills, fieldName('skills'))),
    certifications: checked(() => names(fields.certifications, fieldName('certifications'))),
    roleCategory: checked(() => roleCategory(fields.roleCategory, fieldName('roleCategory'))),
  };
  return problems.length ? problems : observation;
}

/** What `check` returns, or undefined when it rejects (after telling `onRejected` why). */
function unlessRejected<T>(check: () => T, onRejected: (problem: FieldProblem) => void = () => undefined): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    onRejected(error.problem);
    return undefined;
  }
}

/**
 * The job title as validateObservation stores it (trimmed, inner whitespace collapsed), or
 * undefined when it would reject it.
 */
export function normalizedJobTitle(value: string): string | undefined {
  return unlessRejected(() => title(value, 'jobTitle'));
}

/** True for an amount validateObservation accepts: positive, at most 2 decimals, below 10^12. */
export function isValidAmount(value: string): boolean {
  return unlessRejected(() => positiveAmount(value, 'amount')) !== undefined;
}

/**
 * Values validateObservation accepts exactly as written and leaves unchanged, for checking a
 * file's records without building observations (see verbatim-records.ts): a row made only of
 * these is valid, with the same result. Anything else may still be valid ("us", " 2021", "050"),
 * and goes through validateObservation itself.
 */
export function verbatimValues(today: Date = new Date()) {
  return {
    amount: new RegExp(`^[1-9][0-9]{0,${MAX_AMOUNT_DIGITS - 1}}(?:\\.[0-9]{1,2})?$`),
    years: new Set(Array.from({ length: today.getUTCFullYear() - FIRST_YEAR + 1 }, (_, index) => String(FIRST_YEAR + index))),
    remoteRatios: new Set(Array.from({ length: 101 }, (_, index) => String(index))),
    companySizes: COMPANY_SIZES,
  };
}

/** An observation's key is stored, with its source, in a unique index: a bounded key keeps one long key from failing its batch. */
export const MAX_OBSERVATION_ID_LENGTH = 200;

/** What is wrong with a row's key within its source (already trimmed), if anything. */
export function rowKeyProblem(key: string): string | undefined {
  if (!key) return 'is missing';
  if (key.length > MAX_OBSERVATION_ID_LENGTH) return `is longer than ${MAX_OBSERVATION_ID_LENGTH} characters`;
  if (key.includes('\0')) return NUL_CHARACTER;
  return undefined;
}

/**
 * A validation's result with the problems a source met reading some fields before it: every
 * problem of the row, a field's reading problem standing for what validation says of it.
 */
export function withReadProblems(readProblems: readonly FieldProblem[] | undefined, result: ValidObservation | FieldProblem[]): ValidObservation | FieldProblem[] {
  if (!readProblems?.length) return result;
  const unread = new Set(readProblems.map((problem) => problem.field));
  return [...readProblems, ...(isRejected(result) ? result.filter((problem) => !unread.has(problem.field)) : [])];
}

export function isRejected(result: ValidObservation | FieldProblem[]): result is FieldProblem[] {
  return Array.isArray(result);
}
