/**
 * A Levels.fyi-style export made here (company;title;totalyearlycompensation;location;
 * yearsofexperience;yearsatcompany;tag;gender;Education) and the mapping of issue #15 for it.
 */

/** The mapping of issue #15, verbatim. */
export const LEVELS_FYI_MAPPING = `{
  "csv": { "delimiter": ";" },
  "category": "Software Engineering",
  "fields": {
    "title":    { "column": "title" },
    "amount":   { "column": "totalyearlycompensation" },
    "currency": { "value": "USD" },
    "period":   { "value": "2021" },
    "country":  { "column": "location", "parse": "location" },
    "level":    { "column": "yearsofexperience", "parse": "years", "thresholds": { "MID": 2, "SENIOR": 5, "EXECUTIVE": 12 } },
    "skills":   { "column": "tag" }
  }
}`;

export const LEVELS_FYI_HEADER = 'company;title;totalyearlycompensation;location;yearsofexperience;yearsatcompany;tag;gender;Education';

export interface LevelsFyiRow {
  line: number;
  company: string;
  title: string;
  compensation: number;
  location: string;
  years: number;
  tag: string;
  /** What the row must become, worked out by hand from the mapping's rules. */
  country: string;
  level: 'ENTRY' | 'MID' | 'SENIOR' | 'EXECUTIVE';
}

const LOCATIONS: readonly [string, string][] = [
  ['Seattle, WA', 'US'],
  ['San Francisco, CA', 'US'],
  ['Washington, DC', 'US'],
  ['London, EN, United Kingdom', 'GB'],
  ['Bengaluru, KA, India', 'IN'],
];
const TITLES = ['Software Engineer', 'Data Scientist'];
const TAGS = ['Distributed Systems (Back-End)', 'ML / AI', 'API Development (Back-End)', 'Full Stack'];
const COMPANIES = ['Amazon', 'Google', 'Acme; Inc.', 'Microsoft'];

const levelOf = (years: number) => (years >= 12 ? 'EXECUTIVE' : years >= 5 ? 'SENIOR' : years >= 2 ? 'MID' : 'ENTRY');

/** A value as a `;`-delimited CSV field: quoted when it holds the delimiter or a quote. */
const field = (value: string | number) => {
  const text = String(value);
  return /[;"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** `count` rows of a fixed pseudo-random sequence (the same every run). */
export function levelsFyiRows(count: number): LevelsFyiRow[] {
  let seed = 20211;
  const next = (modulo: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % modulo;
  };
  return Array.from({ length: count }, (_, index) => {
    const [location, country] = LOCATIONS[next(LOCATIONS.length)]!;
    const years = [0, 1, 1.5, 2, 3, 4.5, 5, 7, 11.9, 12, 20][next(11)]!;
    return {
      line: index + 2,
      company: COMPANIES[next(COMPANIES.length)]!,
      title: TITLES[next(TITLES.length)]!,
      compensation: 60_000 + next(400) * 1_000 + next(100),
      location,
      years,
      tag: TAGS[next(TAGS.length)]!,
      country,
      level: levelOf(years),
    };
  });
}

/** The rows as the file's text. */
export function levelsFyiFile(rows: readonly LevelsFyiRow[]): string {
  const lines = rows.map((row) =>
    [row.company, row.title, row.compensation, row.location, row.years, Math.min(row.years, 3), row.tag, 'Female', "Master's Degree"].map(field).join(';'),
  );
  return [LEVELS_FYI_HEADER, ...lines, ''].join('\n');
}
