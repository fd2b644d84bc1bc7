import type { FieldProblem, ObservationField, ObservationFields, ObservationLevel } from '../observation.js';
import type { ImportFormat } from './format.js';

const LEVELS: Readonly<Record<string, ObservationLevel>> = { EN: 'ENTRY', MI: 'MID', SE: 'SENIOR', EX: 'EXECUTIVE' };
const EMPLOYMENT_TYPES = new Set(['FT', 'PT', 'CT', 'FL']);
const REPORTING_CURRENCY = 'USD';

/** The survey lists no skills, certifications or role categories. */
const COLUMN_OF: Readonly<Record<Exclude<ObservationField, 'skills' | 'certifications' | 'roleCategory'>, string>> = {
  year: 'work_year',
  level: 'experience_level',
  employmentType: 'employment_type',
  jobTitle: 'job_title',
  originalAmount: 'salary',
  originalCurrency: 'salary_currency',
  amount: 'salary_in_usd',
  currencyCode: 'salary_in_usd',
  countryCode: 'employee_residence',
  remoteRatio: 'remote_ratio',
  companyLocation: 'company_location',
  companySize: 'company_size',
};

/**
 * The ai-jobs.net salary survey (and any file in its layout): one row per person, the salary in
 * its original currency and in USD, the USD figure being the one snapshots aggregate. The market
 * is the employee's residence: where the person works and lives.
 */
export const aiJobsFormat: ImportFormat = {
  name: 'ai-jobs',
  description: 'ai-jobs.net salary survey layout (work_year, experience_level EN/MI/SE/EX, …, salary_in_usd, employee_residence, …)',
  roleCategory: 'Data Science & AI',
  columns: [...new Set(Object.values(COLUMN_OF))],
  columnsLabel: 'ai-jobs column(s)',
  columnOf: (field) => (COLUMN_OF as Partial<Record<ObservationField, string>>)[field] ?? field,
  verbatim: { levels: LEVELS, employmentTypes: [...EMPLOYMENT_TYPES], currencyCode: REPORTING_CURRENCY },
  toObservation(value): ObservationFields | FieldProblem {
    const level = value('experience_level')?.trim().toUpperCase() ?? '';
    if (!LEVELS[level]) return { field: 'experience_level', reason: `unknown experience level "${level}" (expected EN, MI, SE or EX)` };
    const employmentType = value('employment_type')?.trim().toUpperCase() ?? '';
    if (employmentType && !EMPLOYMENT_TYPES.has(employmentType)) {
      return { field: 'employment_type', reason: `unknown employment type "${employmentType}" (expected FT, PT, CT or FL)` };
    }
    return {
      year: value('work_year') ?? '',
      level: LEVELS[level],
      employmentType,
      jobTitle: value('job_title') ?? '',
      originalAmount: value('salary') ?? '',
      originalCurrency: value('salary_currency'),
      amount: value('salary_in_usd') ?? '',
      currencyCode: REPORTING_CURRENCY,
      countryCode: value('employee_residence') ?? '',
      remoteRatio: value('remote_ratio'),
      companyLocation: value('company_location'),
      companySize: value('company_size'),
    };
  },
};
