import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, CURRENCY_CODES } from '../../../src/services/catalog/countries.js';
import { isRejected, validateObservation, verbatimValues, type ObservationFields } from '../../../src/services/import/observation.js';

const valid: ObservationFields = {
  countryCode: 'us',
  jobTitle: '  Data   Engineer ',
  level: 'senior',
  year: '2022',
  amount: '145000',
  currencyCode: 'usd',
  originalAmount: '190000.50',
  originalCurrency: 'cad',
  employmentType: 'ft',
  remoteRatio: '50',
  companyLocation: 'ca',
  companySize: 'm',
};
const today = new Date('2024-06-30T00:00:00Z');

describe('validateObservation', () => {
  it('normalises a valid observation: codes upper case, title tidied, the year as period', () => {
    expect(validateObservation(valid, undefined, today)).toEqual({
      countryCode: 'US',
      jobTitle: 'Data Engineer',
      level: 'SENIOR',
      period: '2022',
      amount: '145000',
      currencyCode: 'USD',
      originalAmount: '190000.50',
      originalCurrency: 'CAD',
      employmentType: 'FT',
      remoteRatio: 50,
      companyLocation: 'CA',
      companySize: 'M',
      skills: null,
      certifications: null,
      roleCategory: null,
    });
  });

  it('keeps skill and certification names trimmed and once each, a row category, and ALL for a source without levels', () => {
    expect(
      validateObservation({ ...valid, level: null, skills: [' Python', 'SQL ', 'PYTHON', 'Deep   Learning'], certifications: ['CKA'], roleCategory: ' Data  Platform ' }, undefined, today),
    ).toMatchObject({ level: 'ALL', skills: ['Python', 'SQL', 'Deep Learning'], certifications: ['CKA'], roleCategory: 'Data Platform' });
    expect(validateObservation({ ...valid, skills: [], roleCategory: '  ' }, undefined, today)).toMatchObject({ skills: null, roleCategory: null });
  });

  it('accepts an observation without the optional fields', () => {
    const { countryCode, jobTitle, level, year, amount, currencyCode } = valid;
    expect(validateObservation({ countryCode, jobTitle, level, year, amount, currencyCode }, undefined, today)).toMatchObject({
      originalAmount: null,
      originalCurrency: null,
      employmentType: null,
      remoteRatio: null,
      companyLocation: null,
      companySize: null,
    });
  });

  it.each([
    [{ amount: '-5' }, 'amount', 'must be a positive amount, got "-5"'],
    [{ amount: '0' }, 'amount', 'must be a positive amount, got "0"'],
    [{ amount: '0.00' }, 'amount', 'must be a positive amount, got "0.00"'],
    [{ amount: '12.345' }, 'amount', 'is not an amount with at most 2 decimals: "12.345"'],
    [{ amount: '1e5' }, 'amount', 'is not an amount with at most 2 decimals: "1e5"'],
    [{ amount: '1000000000000' }, 'amount', 'is too large: "1000000000000"'],
    [{ amount: '' }, 'amount', 'is missing'],
    [{ currencyCode: 'XYZ' }, 'currencyCode', 'unknown currency "XYZ" (expected an ISO 4217 code such as "USD")'],
    [{ year: '20x2' }, 'year', 'cannot parse the year "20x2"'],
    [{ year: '22' }, 'year', 'cannot parse the year "22"'],
    [{ year: '2025' }, 'year', 'year 2025 is outside 1900–2024'],
    [{ jobTitle: '   ' }, 'jobTitle', 'the job title is missing'],
    [{ jobTitle: '???' }, 'jobTitle', 'the job title "???" has no letters or digits'],
    [{ countryCode: 'ZZ' }, 'countryCode', 'unknown country code "ZZ" (expected ISO 3166-1 alpha-2, e.g. "US")'],
    [{ countryCode: 'EU' }, 'countryCode', 'unknown country code "EU" (expected ISO 3166-1 alpha-2, e.g. "US")'],
    [{ countryCode: 'AQ' }, 'countryCode', 'unknown country code "AQ" (expected ISO 3166-1 alpha-2, e.g. "US")'],
    [{ level: 'ALL' }, 'level', 'unknown experience level "ALL" (expected ENTRY, MID, SENIOR, EXECUTIVE)'],
    [{ originalAmount: '-1' }, 'originalAmount', 'must be a positive amount, got "-1"'],
    [{ originalCurrency: undefined }, 'originalCurrency', 'is missing'],
    [{ remoteRatio: '150' }, 'remoteRatio', 'must be a whole percentage from 0 to 100, got "150"'],
    [{ companyLocation: 'XX' }, 'companyLocation', 'unknown country code "XX" (expected ISO 3166-1 alpha-2, e.g. "US")'],
    [{ companySize: 'XL' }, 'companySize', 'unknown company size "XL" (expected S, M or L)'],
    [{ jobTitle: 'Data\0Engineer' }, 'jobTitle', 'contains a NUL character, which text cannot hold'],
    [{ employmentType: 'F\0T' }, 'employmentType', 'contains a NUL character, which text cannot hold'],
  ])('rejects %j: %s %s', (change, field, reason) => {
    expect(validateObservation({ ...valid, ...change }, undefined, today)).toEqual([{ field, reason }]);
  });

  it('reports every problem of an observation, in field order', () => {
    expect(validateObservation({ ...valid, amount: '-10', currencyCode: 'EURO', countryCode: 'XX' }, undefined, today)).toEqual([
      { field: 'countryCode', reason: 'unknown country code "XX" (expected ISO 3166-1 alpha-2, e.g. "US")' },
      { field: 'amount', reason: 'must be a positive amount, got "-10"' },
      { field: 'currencyCode', reason: 'unknown currency "EURO" (expected an ISO 4217 code such as "USD")' },
    ]);
  });

  it("reports a field by the source's own name", () => {
    expect(validateObservation({ ...valid, amount: '0' }, (field) => `input.${field}`, today)).toEqual([{ field: 'input.amount', reason: 'must be a positive amount, got "0"' }]);
  });
});

describe('verbatimValues', () => {
  const verbatim = verbatimValues(today);
  const plain: ObservationFields = { countryCode: 'US', jobTitle: 'Data Engineer', level: 'SENIOR', year: '2022', amount: '1', currencyCode: 'USD' };
  const accepted = (fields: Partial<ObservationFields>) => validateObservation({ ...plain, ...fields }, undefined, today);

  it('lists only values validateObservation accepts and keeps as written', () => {
    for (const year of verbatim.years) expect(accepted({ year })).toMatchObject({ period: year });
    for (const remoteRatio of verbatim.remoteRatios) expect(accepted({ remoteRatio })).toMatchObject({ remoteRatio: Number(remoteRatio) });
    for (const companySize of verbatim.companySizes) expect(accepted({ companySize })).toMatchObject({ companySize });
    for (const countryCode of COUNTRY_CODES) expect(accepted({ countryCode, companyLocation: countryCode })).toMatchObject({ countryCode, companyLocation: countryCode });
    for (const currency of CURRENCY_CODES) expect(accepted({ originalAmount: '1', originalCurrency: currency })).toMatchObject({ originalCurrency: currency });
    expect([...verbatim.years].at(-1)).toBe('2024');
    expect(isRejected(accepted({ year: '2025' }))).toBe(true);
  });

  it('matches amounts exactly when validateObservation takes them as written', () => {
    for (const amount of ['1', '9.5', '145000', '145000.25', '999999999999.99', '0', '0.5', '01', '1.', '.5', '1.234', '1e5', '-1', '+1', ' 1', '1000000000000']) {
      const result = accepted({ amount });
      expect(verbatim.amount.test(amount), amount).toBe(!isRejected(result) && result.amount === amount && !amount.startsWith('0'));
    }
  });
});
