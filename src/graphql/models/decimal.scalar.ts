import { GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Exact decimal numbers travel as strings so that no client parses them into a float. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number, serialised as a string such as "123557.00" (never a float).',
  serialize(value) {
    const text = typeof value === 'string' ? value : String(value);
    if (!DECIMAL.test(text)) throw new TypeError(`Decimal cannot represent "${text}"`);
    return text;
  },
  parseValue(value) {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL.test(text)) throw new TypeError('Decimal must be a decimal number written as a string, e.g. "123557.00"');
    return text;
  },
  parseLiteral(ast) {
    if ((ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) && DECIMAL.test(ast.value)) return ast.value;
    throw new TypeError('Decimal must be a decimal number written as a string, e.g. "123557.00"');
  },
});
