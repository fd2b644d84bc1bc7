import { validateSync } from 'class-validator';
import { LRUCache } from 'lru-cache';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { stringBytes } from '../../lib/byte-bounded-cache.js';

/** Argument classes, numbered for the keys of VALID. */
const classNumbers = new WeakMap<object, number>();
let classesNumbered = 0;

/**
 * Argument values already found valid, by class and JSON: a list of 50 items repeats the same
 * arguments 50 times. Bounded by bytes, and a large value (a 1 MB string variable) is not kept at
 * all: it would only push out the small ones that repeat.
 */
const VALID = new LRUCache<string, true>({ maxSize: 4 * 1024 * 1024, maxEntrySize: 16 * 1024, sizeCalculation: (_valid, key) => stringBytes(key) });

/** The bytes the validated-arguments cache holds (for /metrics). */
export const validatedArguments = {
  get bytes(): number {
    return VALID.calculatedSize;
  },
};

function classNumber(argumentClass: object): number {
  let number = classNumbers.get(argumentClass);
  if (number === undefined) classNumbers.set(argumentClass, (number = classesNumbered++));
  return number;
}

function validate(value: object): void {
  const key = `${classNumber(value.constructor)}:${JSON.stringify(value)}`;
  if (VALID.get(key)) return; // get, not has: a hit keeps the entry recent
  const errors = validateSync(value, { skipMissingProperties: true, forbidUnknownValues: false });
  if (errors.length) throw new ArgumentValidationError(errors);
  VALID.set(key, true);
}

/**
 * Validates argument objects (one, or each of a list) against their class-validator rules,
 * synchronously. TypeGraphQL's built-in path imports class-validator dynamically on every
 * validated argument, which costs a loader round trip per field and splits DataLoader batches
 * across ticks.
 */
export function validateArguments(argValue: unknown): void {
  const values: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value !== null && typeof value === 'object') validate(value);
  }
}

/** validateArguments as TypeGraphQL's validateFn. */
export const validateArgs: ValidatorFn = (argValue) => validateArguments(argValue);
