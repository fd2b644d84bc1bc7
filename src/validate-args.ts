import { validateSync } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

/**
 * Validates argument objects against their class-validator rules, synchronously. TypeGraphQL's
 * built-in path imports class-validator dynamically on every validated argument, which costs a
 * loader round trip per field and splits DataLoader batches across ticks.
 */
export const validateArgs: ValidatorFn = (argValue) => {
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const value of values) {
    if (value === null || typeof value !== 'object') continue;
    const errors = validateSync(value, { skipMissingProperties: true, forbidUnknownValues: false });
    if (errors.length) throw new ArgumentValidationError(errors);
  }
};
