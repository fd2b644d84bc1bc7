import type { Database, SqlReader, Statement } from '../../db/client.js';
import { Prisma, type ReportSectionKind, type ReportTemplate, type TemplateScope } from '../../generated/prisma/client.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { PLACEHOLDER_NAMES, PLACEHOLDERS, type PlaceholderName, type PlaceholderSpec } from './placeholders.js';
import { checkTemplate, type TemplateProblemCode } from './template-check.js';
import { ALPHA2_CODE } from '../../domain/country-code.js';

export type { ReportTemplate };

/** Which template a market uses when several apply: the first scope in this list that has one. */
export const SCOPE_PRECEDENCE: readonly TemplateScope[] = ['ROLE', 'CATEGORY', 'COUNTRY', 'DEFAULT'];

export interface TemplateKey {
  kind: ReportSectionKind;
  scope: TemplateScope;
  /** Role slug, category or country code; "" for DEFAULT. */
  scopeValue: string;
}

export interface TemplateInput extends TemplateKey {
  heading: string;
  body: string;
}

export type TemplateErrorCode = TemplateProblemCode | 'INVALID_SCOPE_VALUE' | 'UNKNOWN_SCOPE_VALUE' | 'NOT_FOUND' | 'DEFAULT_REQUIRED';

/** A problem the caller can fix; `field` is the path of the offending input field. */
export interface TemplateUserError {
  field: string[];
  message: string;
  code: TemplateErrorCode;
}

export interface TemplateChange {
  template: ReportTemplate | null;
  userErrors: TemplateUserError[];
}

/** The market a report is for, as far as template scopes are concerned. */
export interface TemplateMarket {
  roleSlug: string;
  category: string;
  countryCode: string;
}

/** Country codes upper case, role slugs lower case, no surrounding blanks. */
function canonicalScopeValue(scope: TemplateScope, value: string): string {
  const trimmed = value.trim();
  return scope === 'COUNTRY' ? trimmed.toUpperCase() : scope === 'ROLE' ? trimmed.toLowerCase() : trimmed;
}

/**
 * For each section kind, the most specific of the templates that apply to a market (see
 * {@link SCOPE_PRECEDENCE}).
 */
function mostSpecificTemplates(templates: readonly ReportTemplate[], market: TemplateMarket): Map<ReportSectionKind, ReportTemplate> {
  const valueFor: Record<TemplateScope, string> = { ROLE: market.roleSlug, CATEGORY: market.category, COUNTRY: market.countryCode, DEFAULT: '' };
  const chosen = new Map<ReportSectionKind, ReportTemplate>();
  for (const scope of [...SCOPE_PRECEDENCE].reverse()) {
    for (const template of templates) {
      if (template.scope === scope && template.scopeValue === valueFor[scope]) chosen.set(template.kind, template);
    }
  }
  return chosen;
}

/**
 * The templates that may apply to a market ($1 role slug, $2 category, $3 country code), as the
 * Prisma client reads them (updated_at holds UTC). Hand-written like the other read paths: the
 * Prisma client's query compiler takes ~100 MiB once loaded, which a process that only reads never needs.
 */
const TEMPLATES_FOR_MARKET: Statement = {
  name: 'paygraph_report_templates_for_market',
  text: `SELECT id, kind, scope, scope_value AS "scopeValue", heading, body, updated_at AT TIME ZONE 'UTC' AS "updatedAt"
    FROM report_template
    WHERE (scope = 'DEFAULT' AND scope_value = '') OR (scope = 'ROLE' AND scope_value = $1)
      OR (scope = 'CATEGORY' AND scope_value = $2) OR (scope = 'COUNTRY' AND scope_value = $3)`,
};

/** The stored wording of report sections: reading it for a market, and editing it. */
export class ReportTemplateService {
  constructor(
    private readonly db: Database,
    private readonly read: SqlReader,
    private readonly catalog: CatalogService,
  ) {}

  /** The template each section kind uses for this market, in one query. */
  async forMarket(market: TemplateMarket): Promise<Map<ReportSectionKind, ReportTemplate>> {
    const templates = await this.read<ReportTemplate>(TEMPLATES_FOR_MARKET, [market.roleSlug, market.category, market.countryCode]);
    return mostSpecificTemplates(templates, market);
  }

  /** Every placeholder templates may use, in catalogue order. */
  placeholders(): Array<{ name: PlaceholderName } & PlaceholderSpec> {
    return PLACEHOLDER_NAMES.map((name) => ({ name, ...PLACEHOLDERS[name] }));
  }

  /** Stored templates, optionally of one kind and/or scope, by kind, scope and scope value. */
  list(filter: { kind?: ReportSectionKind | null; scope?: TemplateScope | null } = {}): Promise<ReportTemplate[]> {
    return this.db.reportTemplate.findMany({
      where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.scope ? { scope: filter.scope } : {}) },
      orderBy: [{ kind: 'asc' }, { scope: 'asc' }, { scopeValue: 'asc' }],
    });
  }

  /**
   * Creates or replaces the template of a section for a scope.
   * @returns the saved template, or userErrors (unknown placeholders named with the known ones
   * listed, syntax errors, a scope value that names nothing) and no change.
   */
  async save(input: TemplateInput): Promise<TemplateChange> {
    const scoped = await this.normaliseScope(input);
    const problems = checkTemplate(input).map(({ field, code, message }) => ({ field: ['input', field], code, message }));
    const userErrors = [...(scoped.error ? [scoped.error] : []), ...problems];
    if (userErrors.length) return { template: null, userErrors };
    const key = { kind: input.kind, scope: input.scope, scopeValue: scoped.scopeValue };
    const wording = { heading: input.heading.trim(), body: input.body.trim() };
    const template = await this.db.reportTemplate.upsert({
      where: { kind_scope_scopeValue: key },
      create: { ...key, ...wording },
      update: wording,
    });
    return { template, userErrors: [] };
  }

  /**
   * Deletes an override, so the market falls back to the next most specific template.
   * @returns the deleted template, or userErrors for a DEFAULT template (every market needs it)
   * or a template that does not exist.
   */
  async remove(key: TemplateKey): Promise<TemplateChange> {
    if (key.scope === 'DEFAULT') {
      return {
        template: null,
        userErrors: [{ field: ['input', 'scope'], code: 'DEFAULT_REQUIRED', message: 'A DEFAULT template cannot be deleted: every market falls back to it. Save new wording instead.' }],
      };
    }
    const where = { kind: key.kind, scope: key.scope, scopeValue: canonicalScopeValue(key.scope, key.scopeValue) };
    try {
      return { template: await this.db.reportTemplate.delete({ where: { kind_scope_scopeValue: where } }), userErrors: [] };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025')) throw error;
      return {
        template: null,
        userErrors: [{ field: ['input'], code: 'NOT_FOUND', message: `There is no ${where.scope} template of ${where.kind} for "${where.scopeValue}".` }],
      };
    }
  }

  /** The canonical scope value (country codes upper case, slugs lower case), checked to name something. */
  private async normaliseScope({ scope, scopeValue: given }: TemplateKey): Promise<{ scopeValue: string; error?: TemplateUserError }> {
    const scopeValue = canonicalScopeValue(scope, given);
    const problem = (message: string, code: TemplateErrorCode) => ({ scopeValue, error: { field: ['input', 'scopeValue'], message, code } });
    switch (scope) {
      case 'DEFAULT':
        return scopeValue ? problem('A DEFAULT template applies to every market: leave scopeValue empty.', 'INVALID_SCOPE_VALUE') : { scopeValue };
      case 'COUNTRY':
        if (!ALPHA2_CODE.test(scopeValue)) return problem(`"${given}" is not an ISO 3166-1 alpha-2 country code.`, 'INVALID_SCOPE_VALUE');
        return (await this.catalog.country(scopeValue)) ? { scopeValue } : problem(`No country with code "${scopeValue}".`, 'UNKNOWN_SCOPE_VALUE');
      case 'ROLE':
        return (await this.catalog.role(scopeValue)) ? { scopeValue } : problem(`No role with slug "${scopeValue}".`, 'UNKNOWN_SCOPE_VALUE');
      case 'CATEGORY':
        return (await this.catalog.roles(scopeValue)).length ? { scopeValue } : problem(`No role has the category "${scopeValue}".`, 'UNKNOWN_SCOPE_VALUE');
    }
  }
}
