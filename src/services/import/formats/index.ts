import { aiJobsFormat } from './ai-jobs.js';
import type { ImportFormat } from './format.js';

export { DEFAULT_CSV_DIALECT, type CsvDialect } from './format.js';
export type { ImportFormat };

/** Every format `npm run import -- --format <name>` understands, by name. */
export const IMPORT_FORMATS: ReadonlyMap<string, ImportFormat> = new Map([aiJobsFormat].map((format) => [format.name, format]));
