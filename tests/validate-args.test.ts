import { describe, expect, it } from 'vitest';
import { ArgumentValidationError } from 'type-graphql';
import { CurrencyArgs } from '../src/models/currency.args.js';
import { validateArgs } from '../src/validate-args.js';

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
});
