import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { MarketSnapshotArgs } from '../models/market.args.js';
import { ReportTemplateKeyInput, ReportTemplatesArgs, SaveReportTemplateInput } from '../models/report.args.js';
import { DeleteReportTemplatePayload, ReportPlaceholder, ReportTemplate, SaveReportTemplatePayload } from '../models/report.template.type.js';
import { MarketReport } from '../models/report.type.js';
import { Scope } from '../../services/api-keys/api-key.service.js';
import type { ReportTemplate as TemplateRecord } from '../../services/reports/template.service.js';

@Resolver()
export class ReportResolver {
  @Query(() => MarketReport, {
    nullable: true,
    // Priced by measured CPU (bench/cost-per-point.ts, docs/decisions/0007-cost-model.md): a report
    // asked for alone took 11 ms of CPU and 9 statements on the benchmark data, ~5 ms more than a
    // request's fixed cost, at ~3.2 µs per point ~1,500 points. Aliased reports are not batched
    // (50 of them ran 58 statements), so each pays its own.
    complexity: 1500,
    description:
      "The market-intelligence page of a role in a country, written now from the market's latest snapshot (or the one at `period`). Errors with NOT_FOUND for an unknown country or role; null when the market has no snapshot.",
  })
  marketReport(@Args(() => MarketSnapshotArgs) { countryCode, roleSlug, period, level }: MarketSnapshotArgs, @Ctx() { services }: GraphQLContext) {
    return services.reports.marketReport(countryCode, roleSlug, { period, level });
  }

  @Query(() => [ReportTemplate], { description: 'The stored report templates, by section, scope and scope value.' })
  reportTemplates(@Args(() => ReportTemplatesArgs) filter: ReportTemplatesArgs, @Ctx() { services }: GraphQLContext) {
    return services.reportTemplates.list(filter);
  }

  @Query(() => [ReportPlaceholder], { description: 'Every placeholder report templates may use.' })
  reportPlaceholders(@Ctx() { services }: GraphQLContext) {
    return services.reportTemplates.placeholders();
  }

  @Authorized(Scope.TEMPLATES_WRITE)
  @Mutation(() => SaveReportTemplatePayload, {
    description: `Creates or replaces the wording of a report section for a scope. Needs an API key with ${Scope.TEMPLATES_WRITE}. Unknown placeholders, syntax errors and unknown scope values come back as userErrors, and nothing is saved.`,
  })
  saveReportTemplate(@Arg('input', () => SaveReportTemplateInput, { description: 'The template.' }) input: SaveReportTemplateInput, @Ctx() { services }: GraphQLContext) {
    return services.reportTemplates.save(input);
  }

  @Authorized(Scope.TEMPLATES_WRITE)
  @Mutation(() => DeleteReportTemplatePayload, {
    description: `Deletes a ROLE, CATEGORY or COUNTRY template, so its markets fall back to the next most specific one. Needs an API key with ${Scope.TEMPLATES_WRITE}. DEFAULT templates cannot be deleted.`,
  })
  async deleteReportTemplate(@Arg('input', () => ReportTemplateKeyInput, { description: 'The template to delete.' }) input: ReportTemplateKeyInput, @Ctx() { services }: GraphQLContext) {
    const { template, userErrors } = await services.reportTemplates.remove(input);
    return { deletedTemplate: template, userErrors };
  }
}

@Resolver(() => ReportTemplate)
export class ReportTemplateResolver {
  @FieldResolver(() => String, { description: 'When the template was last saved, ISO 8601.' })
  updatedAt(@Root() template: TemplateRecord) {
    return template.updatedAt.toISOString();
  }
}
