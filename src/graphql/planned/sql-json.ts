/** SQL expressions that build parts of a GraphQL answer as JSON in PostgreSQL. */

/** A response key or type name as a SQL string literal (GraphQL names hold no quotes). */
export const literal = (name: string) => `'${name}'`;

/** base64url without padding of a text expression, as `Buffer#toString('base64url')` writes it. */
export const base64url = (text: string) => `rtrim(translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=')`;

/** A JSON object of the (response key, SQL value) entries, in order. */
export const jsonObject = (entries: readonly (readonly [string, string])[]) => `json_build_object(${entries.map(([key, value]) => `${literal(key)}, ${value}`).join(', ')})`;

/** `object`, or JSON null when `present` (a SQL condition) is false. */
export const jsonObjectWhen = (present: string, object: string) => `CASE WHEN ${present} THEN ${object} END`;

/** A JSON array of `element` over the rows of `from`, ordered by `order`; [] when there are none. */
export const jsonArray = (element: string, from: string, order: string) => `(SELECT coalesce(json_agg(${element} ORDER BY ${order}), '[]'::json) ${from})`;

/**
 * (to − from) / from × 100 rounded half away from zero to 2 decimals, exactly (numeric
 * division stops at 16 significant digits, which could round a value just under a half up);
 * `from` must be positive.
 */
export const percentChange = (from: string, to: string) => `(sign(${to} - ${from}) * div(2 * abs(${to} - ${from}) * 10000 + ${from}, 2 * ${from}) * 0.01)`;

/**
 * What a planned statement answers in place of a value it cannot produce exactly as the resolvers
 * would (they would answer an error): a JSON string holding NUL, which no text in PostgreSQL can.
 */
export const REFUSED = `'"\\u0000"'::json`;
export const REFUSED_TEXT = '"\\u0000"';
