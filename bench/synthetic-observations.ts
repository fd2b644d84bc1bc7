/**
 * Writes a synthetic ai-jobs file: `tsx bench/synthetic-observations.ts <file> <rows>`. The import
 * benchmark runs it as a process of its own, so that the import it measures does not inherit the
 * garbage of generating the file (a heap grown by 55 MB of strings slowed the import by ~15 %).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Deterministic pseudo-random numbers (mulberry32), so every run imports the same file. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['US', 'US', 'US', 'US', 'GB', 'GB', 'CA', 'DE', 'IN', 'ES', 'FR', 'AU', 'NL', 'BR', 'PT', 'PL', 'IE', 'IT', 'JP', 'MX', 'SG', 'CH', 'AT', 'BE', 'DK', 'SE', 'NG', 'PK', 'TR', 'AR'];
const CURRENCY = { US: ['USD', 1], GB: ['GBP', 0.8], CA: ['CAD', 1.3], DE: ['EUR', 0.92], IN: ['INR', 80], ES: ['EUR', 0.92], FR: ['EUR', 0.92], AU: ['AUD', 1.45] } as Record<string, [string, number]>;
const TITLES = ['Data Engineer', 'Data Scientist', 'Data Analyst', 'Machine Learning Engineer', 'ML Engineer', 'Analytics Engineer', 'Data Architect', 'Research Scientist', 'Applied Scientist', 'BI Developer', 'Data Science Manager', 'Computer Vision Engineer', 'NLP Engineer', 'MLOps Engineer', 'AI Scientist', 'Head of Data', 'Lead Data Engineer', 'Principal Data Scientist', 'Data Manager', 'ETL Developer'];
const LEVELS = ['EN', 'MI', 'MI', 'SE', 'SE', 'SE', 'EX'];
const LEVEL_FACTOR: Record<string, number> = { EN: 0.6, MI: 0.85, SE: 1.1, EX: 1.6 };

/** Streams `rows` synthetic observations in the ai-jobs layout to `file`, never holding more than a chunk. */
async function generateFile(file: string, rows: number): Promise<void> {
  const next = random(42);
  const out = createWriteStream(file);
  out.write('work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const country = COUNTRIES[Math.floor(next() * COUNTRIES.length)]!;
    const level = LEVELS[Math.floor(next() * LEVELS.length)]!;
    const usd = Math.round(Math.exp(Math.log(110_000) + 0.45 * Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next())) * LEVEL_FACTOR[level]!);
    const [currency, rate] = next() < 0.7 ? ['USD', 1] : (CURRENCY[country] ?? ['USD', 1]);
    chunk += `${2020 + Math.floor(next() * 4)},${level},FT,${TITLES[Math.floor(next() * TITLES.length)]},${Math.round(usd * rate)},${currency},${usd},${country},${[0, 50, 100][Math.floor(next() * 3)]},${country},${'SML'[Math.floor(next() * 3)]}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const [file, rows] = process.argv.slice(2);
if (!file || !Number(rows)) throw new Error('usage: tsx bench/synthetic-observations.ts <file> <rows>');
await generateFile(file, Number(rows));
