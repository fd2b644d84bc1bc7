import { describe, expect, it } from 'vitest';
import { ArgumentValidationError } from 'type-graphql';
import { CurrencyArgs } from '../../../src/graphql/models/currency.args.js';
import { validateArgs, validatedArguments } from '../../../src/graphql/execution/validate-args.js';

const currency = (code: string | null) => Object.assign(new CurrencyArgs(), { currency: code });
const validate = (value: object) => validateArgs(value, CurrencyArgs, {} as never);

describe('validateArgs', () => {
  it('accepts valid arguments, again and again', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => validate(currency('CAD'))).not.toThrow();
      expect(() => validate(currency(null))).not.toThrow();
    }
  });

  it('rejects invalid arguments every time, also after valid ones were remembered', () => {
    validate(currency('CAD'));
    for (let i = 0; i < 3; i++) expect(() => validate(currency('CADX'))).toThrow(ArgumentValidationError);
    expect(() => validate([currency('USD'), currency('1')])).toThrow(ArgumentValidationError);
  });

  it('remembers valid arguments within 4 MiB, and no large one at all', () => {
    const distinctArguments = (i: number, length: number) => Object.assign(new CurrencyArgs(), { currency: null, note: `${i}${'x'.repeat(length)}` });
    for (let i = 0; i < 2000; i++) validate(distinctArguments(i, 4_000));
    expect(validatedArguments.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(validatedArguments.bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    const before = validatedArguments.bytes;
    for (let i = 0; i < 10; i++) validate(distinctArguments(i, 1_000_000));
    expect(validatedArguments.bytes).toBe(before);
  });
});
