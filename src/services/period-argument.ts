import { parsePeriod } from '../domain/period.js';
import { BadUserInputError } from '../errors.js';

/** `period` when it is one ("2022", "2026-04"); throws BAD_USER_INPUT naming the argument `field` otherwise. */
export function validPeriod(period: string, field: string): string {
  try {
    parsePeriod(period);
  } catch (error) {
    throw new BadUserInputError((error as Error).message, [field]);
  }
  return period;
}
