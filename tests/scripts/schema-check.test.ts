import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkSchema, publishedSdl } from '../../scripts/schema-check.js';

/** A published schema in miniature; `money` and `median` are the parts the cases below change. */
function sdl({ money = 'formatted: String!', median = 'Money!' } = {}) {
  return publishedSdl(
    buildSchema(`
      type Money { amount: String! ${money} }
      type MarketSnapshot { period: String! median: ${median} }
      type Query { marketSnapshot(countryCode: String!): MarketSnapshot }
    `),
  );
}

const published = sdl();
const previous = { ref: 'HEAD~1', sdl: published };

describe('publishedSdl', () => {
  it('sorts types and fields, so that the file changes only when the API does', () => {
    const reordered = publishedSdl(buildSchema('type Query { b: Int a: Int }'));
    expect(reordered).toBe('type Query {\n  a: Int\n  b: Int\n}\n');
  });
});

describe('checkSchema', () => {
  it('passes when the committed file is the code’s schema and nothing broke since the last publication', async () => {
    expect(await checkSchema({ code: published, committed: published, previous, allowBreaking: false })).toEqual({
      ok: true,
      report: ['No breaking change against the schema published at HEAD~1.'],
    });
  });

  it('names every breaking change against the previous publication, and fails', async () => {
    const code = sdl({ money: '', median: 'Money' });
    const { ok, report } = await checkSchema({ code, committed: code, previous, allowBreaking: false });
    expect(ok).toBe(false);
    expect(report.slice(0, 3)).toEqual([
      '2 breaking change(s) against the schema published at HEAD~1:',
      expect.stringMatching(/^ {2}BREAKING +Field 'MarketSnapshot\.median' changed type from 'Money!' to 'Money'/),
      expect.stringMatching(/^ {2}BREAKING +Field 'formatted' .*was removed from object type 'Money'/),
    ]);
    expect(report.at(-1)).toMatch(/ALLOW_BREAKING=1/);
  });

  it('reports breaking changes without failing under ALLOW_BREAKING=1', async () => {
    const code = sdl({ money: '' });
    expect(await checkSchema({ code, committed: code, previous, allowBreaking: true })).toEqual({
      ok: true,
      report: ['1 breaking change(s) against the schema published at HEAD~1, allowed by ALLOW_BREAKING=1:', expect.stringMatching(/'formatted'.*removed/)],
    });
  });

  it('accepts an addition: a new field breaks no client', async () => {
    const code = sdl({ money: 'formatted: String! inWords: String!' });
    expect(await checkSchema({ code, committed: code, previous, allowBreaking: false })).toMatchObject({ ok: true });
  });

  it('fails when the committed schema.graphql is not what the code builds, listing the differences', async () => {
    const { ok, report } = await checkSchema({ code: published, committed: sdl({ median: 'Money' }), previous: { missing: 'first publication' }, allowBreaking: false });
    expect(ok).toBe(false);
    expect(report).toEqual([
      'schema.graphql is not the schema the code builds. Run `npm run schema:print` and commit the result. Code vs committed:',
      expect.stringMatching(/^ {2}\w+ +Field 'MarketSnapshot\.median' changed type from 'Money' to 'Money!'/),
      'No previously published schema to compare with (first publication): breaking-change check skipped.',
    ]);
  });

  it('fails when there is no schema.graphql', async () => {
    const { ok, report } = await checkSchema({ code: published, committed: null, previous: { missing: 'first publication' }, allowBreaking: false });
    expect(ok).toBe(false);
    expect(report[1]).toBe('  (there is no schema.graphql)');
  });
});
