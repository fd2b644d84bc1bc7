import fc from 'fast-check';
import { isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import type { Draw } from './draw.js';

/** An enum value: a bare name in a document, a string in variables. */
export class EnumName {
  constructor(readonly name: string) {}
  toJSON() {
    return this.name;
  }
}

/** Words the schema's arguments take, so that generated values sometimes name real things. */
const KNOWN_WORDS = ['CA', 'ca', 'US', 'ZZ', 'CAD', 'USD', 'EUR', 'machine-learning-lead', 'Data Science & AI', '2026-04', '2022', '2026-13', '0000', 'ALL', 'DEFAULT', ''];

/** Strings known to trouble parsers, drivers and databases. */
const TROUBLE = ['\u0000', 'C\u0000A', 'machine-learning-lead\u0000', '\ud800', '\udfff\ud800', '\u202e', '\ufeff', '😀', ' ', '\n', '\\', '%', '_%', "'", '"', '{{median}}', '{{#a}}{{/b}}', 'null', 'undefined', 'NaN', '-1', '1e400'];

const longString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '\u0000', '{{median}} '), fc.constantFrom(300, 300, 300, 300, 3000, 3000, 30_000))
  .map(([unit, times]) => unit.repeat(times));

/** What global ids ("Kind:key") and role cursors ("role:slug") are made of, before base64url. */
const ID_KINDS = ['Country:', 'Role:', 'MarketSnapshot:', 'role:', 'Skill:', ''];
const ID_KEYS = ['CA', 'ZZ', 'machine-learning-lead', '1', '0', '-1', '1.5', '99999999999999999999', '1e3', '\u0000', 'CA\u0000', ' ', '', 'x'.repeat(300), "'", '%', ':'];

/** Opaque ids and cursors: well-formed ones of odd keys, base64 of random text, or not base64 at all. */
const opaqueId = fc.oneof(
  fc
    .tuple(fc.constantFrom(...ID_KINDS), fc.constantFrom(...ID_KEYS), fc.constantFrom<BufferEncoding>('base64url', 'base64'))
    .map(([kind, key, encoding]) => Buffer.from(kind + key).toString(encoding)),
  fc.base64String({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }).map((text) => Buffer.from(text).toString('base64url')),
  fc.constantFrom('=', '===', '!!', 'role:', '%00'),
);

export const strings: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KNOWN_WORDS) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 4, arbitrary: fc.constantFrom(...TROUBLE) },
  { weight: 1, arbitrary: longString },
  { weight: 2, arbitrary: opaqueId },
);

export const ints: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 110 }) },
  { weight: 1, arbitrary: fc.constantFrom(-2147483648, 2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, -1e21) },
  { weight: 1, arbitrary: fc.integer() },
);

const floats: fc.Arbitrary<number> = fc.oneof(fc.double(), fc.constantFrom(0.5, -0.5, 1e308, 5e-324));

/** Decimal amounts as strings (the scalar's form) and as numbers. */
const decimals: fc.Arbitrary<string | number> = fc.oneof(
  fc.constantFrom('145000', '145000.50', '0', '-1', '0.001', '1e400', 'NaN', 'Infinity', '1'.repeat(400), '12,5', ' 1 ', '0x10'),
  fc.double().map(String),
  fc.double(),
);

const NAMES = ['a', 'b', 'id', 'code', 'first', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__typename'];

/** An object whose own properties are `entries` (an own "__proto__" included, as JSON.parse makes it). */
export function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** `levels` nested lists or objects around a value: deep JSON, and deep GraphQL list/object literals. */
export function deeplyNested(draw: Draw, levels: number): unknown {
  const asList = draw.chance(0.5);
  let value: unknown = draw.pick([1, 'x', null]);
  for (let level = 0; level < levels; level++) value = asList ? [value] : objectOf([[draw.pick(['a', '__proto__']), value]]);
  return value;
}

/** A value of no particular type: the wrong type for most arguments. */
export function anyValue(draw: Draw, depth = 0): unknown {
  switch (draw.int(0, depth > 2 ? 5 : 8)) {
    case 0:
      return draw.from(strings);
    case 1:
      return draw.from(ints);
    case 2:
      return draw.from(floats);
    case 3:
      return draw.chance(0.5);
    case 4:
      return null;
    case 5:
      return new EnumName(draw.pick(['ALL', 'FOO', 'true', 'null', 'CA', 'PROJECTION', 'DEFAULT']));
    case 6:
      return draw.repeat(0, 4, () => anyValue(draw, depth + 1));
    case 7:
      return objectOf(draw.repeat(0, 4, () => [draw.pick(NAMES), anyValue(draw, depth + 1)]));
    default:
      return deeplyNested(draw, draw.pick([20, 200, 2000]));
  }
}

/** A value for an argument or variable of `type`: usually of that type, sometimes not, often odd. */
export function valueFor(draw: Draw, type: GraphQLInputType, depth = 0): unknown {
  if (draw.chance(depth === 0 ? 0.12 : 0.05)) return anyValue(draw, depth);
  if (isNonNullType(type)) return valueFor(draw, type.ofType, depth);
  if (isListType(type)) {
    // A single value where a list is expected is legal GraphQL (list coercion).
    if (draw.chance(0.15)) return valueFor(draw, type.ofType, depth + 1);
    // A long list of one small value: long enough for limits, small enough to send often.
    if (draw.chance(0.03)) return new Array<unknown>(1200).fill(draw.pick([null, 1, 'CA', true]));
    return draw.repeat(0, 4, () => valueFor(draw, type.ofType, depth + 1));
  }
  if (isEnumType(type)) {
    const names = type.getValues().map((value) => value.name);
    return new EnumName(draw.chance(0.85) ? draw.pick(names) : draw.pick(['FOO', names[0]!.toLowerCase(), 'null', 'true', `${names[0]}_`]));
  }
  if (isInputObjectType(type)) {
    const entries: Array<[string, unknown]> = [];
    for (const field of Object.values(type.getFields())) {
      if (draw.chance(isNonNullType(field.type) ? 0.92 : 0.5)) entries.push([field.name, valueFor(draw, field.type, depth + 1)]);
    }
    if (draw.chance(0.1)) entries.push([draw.pick(NAMES), anyValue(draw, depth + 1)]);
    return objectOf(entries);
  }
  switch (type.name) {
    case 'Int':
      return draw.from(ints);
    case 'Float':
      return draw.from(floats);
    case 'Boolean':
      return draw.chance(0.5);
    case 'Decimal':
      return draw.from(decimals);
    case 'ID':
      return draw.chance(0.6) ? draw.from(opaqueId) : draw.from(strings);
    default:
      return draw.from(strings);
  }
}

/** GraphQL source text for a value (Infinity and NaN become names, which no argument accepts). */
export function literal(value: unknown): string {
  if (value instanceof EnumName) return value.name;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value).replace('-', '');
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, field]) => `${key}: ${literal(field)}`)
    .join(', ')}}`;
}
