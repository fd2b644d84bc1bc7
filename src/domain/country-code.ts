/**
 * The shape of an ISO 3166-1 alpha-2 code ("CA"). Whether a code of that shape names a country is
 * the catalogue's to say (services/catalog/countries.ts).
 */
export const ALPHA2_CODE = /^[A-Z]{2}$/;

/** The same shape in either case, as arguments take it before upper-casing it. */
export const ALPHA2_CODE_ANY_CASE = /^[A-Z]{2}$/i;
