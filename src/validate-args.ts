import { validateSync } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

/** Argument values already found valid, per argument class: a list of 50 items repeats the same arguments 50 times. */
const VALID = new WeakMap<object, Set<string>>();
const MAX_REMEMBERED_PER_CLASS = 1000;

function validate(value: object): void {
  const valid = VALID.get(value.constructor) ?? new Set<string>();
  const key = JSON.stringify(value);
  if (valid.has(key)) return;
  const errors = validateSync(value, { skipMissingProperties: true, forbidUnknownValues: false });
  if (errors.length) throw new ArgumentValidationError(errors);
  if (valid.size >= MAX_REMEMBERED_PER_CLASS) valid.clear();
  valid.add(key);
  VALID.set(value.constructor, valid);
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
