/**
 * The fast way in for a file's records: a record made only of values validateObservation accepts
 * exactly as written (see verbatimValues) is valid, with the same result, so it goes into the
 * batch as a COPY line at once, without an observation object in between. Other records are
 * for validateObservation.
 */
import { copyField } from '../../../db/copy-in.js';
import { isCountryCode, isCurrencyCode } from '../../catalog/countries.js';
import type { ImportFormat } from '../formats/index.js';
import { copyLine, type ObservationBatch } from '../loader/observation-batch.js';
import type { ObservationLoader } from '../loader/observation-loader.js';
import { normalizedJobTitle, verbatimValues, type ObservationField, type ObservationLevel } from '../observation.js';

/** A job title as written: as stored (and as a COPY field), and its role's id once that exists. */
interface Title {
  jobTitle: string;
  field: string;
  roleId?: number;
}

const FIELDS = ['year', 'level', 'employmentType', 'jobTitle', 'originalAmount', 'originalCurrency', 'amount', 'countryCode', 'remoteRatio', 'companyLocation', 'companySize'] as const;

export class VerbatimRecords {
  private readonly column: Record<(typeof FIELDS)[number], number>;
  private readonly verbatim = verbatimValues();
  private readonly levels: ReadonlyMap<string, ObservationLevel>;
  private readonly employmentTypes: ReadonlySet<string>;
  private readonly currencyCode: string;
  private readonly isCountryCode: (code: string) => boolean;
  /** Job titles as written, or null for one validateObservation rejects. */
  private readonly titles = new Map<string, Title | null>();

  /**
   * The records of a file in `format` whose columns are at `columnIndex`, or undefined for a format
   * that does not say what it takes as written.
   */
  static of(format: ImportFormat, columnIndex: ReadonlyMap<string, number>, loader: ObservationLoader): VerbatimRecords | undefined {
    return format.verbatim && new VerbatimRecords(format, format.verbatim, columnIndex, loader);
  }

  private constructor(
    format: ImportFormat,
    verbatim: NonNullable<ImportFormat['verbatim']>,
    columnIndex: ReadonlyMap<string, number>,
    private readonly loader: ObservationLoader,
  ) {
    const columnOf = (field: ObservationField) => columnIndex.get(format.columnOf(field))!;
    this.column = Object.fromEntries(FIELDS.map((field) => [field, columnOf(field)])) as VerbatimRecords['column'];
    this.levels = new Map(Object.entries(verbatim.levels));
    this.employmentTypes = new Set(['', ...verbatim.employmentTypes]);
    this.currencyCode = verbatim.currencyCode;
    this.isCountryCode = verbatim.countryCodes ?? isCountryCode;
  }

  private title(written: string): Title | null {
    let title = this.titles.get(written);
    if (title === undefined) {
      const jobTitle = normalizedJobTitle(written);
      title = jobTitle === undefined ? null : { jobTitle, field: copyField(jobTitle) };
      this.titles.set(written, title);
    }
    return title;
  }

  /**
   * Adds record `record` of line `line` to `batch` if it is made only of verbatim values (as a
   * pending row when its country or role does not exist yet).
   * @returns false when it is not: validateObservation must check it.
   */
  add(batch: ObservationBatch, record: readonly string[], line: number): boolean {
    const { column, verbatim } = this;
    const level = this.levels.get(record[column.level]!);
    const year = record[column.year]!;
    const employmentType = record[column.employmentType]!;
    const title = this.title(record[column.jobTitle]!);
    const amount = record[column.amount]!;
    const originalAmount = record[column.originalAmount]!;
    const originalCurrency = record[column.originalCurrency]!;
    const countryCode = record[column.countryCode]!;
    const remoteRatio = record[column.remoteRatio]!;
    const companyLocation = record[column.companyLocation]!;
    const companySize = record[column.companySize]!;
    if (
      level === undefined || title === null || !verbatim.years.has(year) || !this.employmentTypes.has(employmentType) || !verbatim.amount.test(amount) ||
      (originalAmount !== '' && !(verbatim.amount.test(originalAmount) && isCurrencyCode(originalCurrency))) || !this.isCountryCode(countryCode) ||
      (remoteRatio !== '' && !verbatim.remoteRatios.has(remoteRatio)) || (companyLocation !== '' && !this.isCountryCode(companyLocation)) ||
      (companySize !== '' && !verbatim.companySizes.has(companySize))
    ) {
      return false;
    }
    const countryId = this.loader.countryIdOf(countryCode);
    const roleId = (title.roleId ??= this.loader.roleIdOf(title.jobTitle));
    if (countryId === undefined || roleId === undefined) {
      batch.addPending({
        rowKey: String(line), countryCode, jobTitle: title.jobTitle, level, period: year, amount, currencyCode: this.currencyCode,
        originalAmount: originalAmount || null, originalCurrency: originalAmount ? originalCurrency : null, employmentType: employmentType || null,
        remoteRatio: remoteRatio ? Number(remoteRatio) : null, companyLocation: companyLocation || null, companySize: companySize || null,
        skills: null, certifications: null, roleCategory: null,
      });
      return true;
    }
    const copied = copyLine(
      this.loader.sourceId, line, countryId, roleId, level, year, title.field, employmentType || '\\N', amount, this.currencyCode,
      originalAmount || '\\N', originalAmount ? originalCurrency : '\\N', remoteRatio || '\\N', companyLocation || '\\N', companySize || '\\N',
      '\\N', '\\N',
    );
    batch.append(line, copied, this.loader.marketOf(countryId, roleId, year));
    return true;
  }
}
