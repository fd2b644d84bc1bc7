import { Field, registerEnumType } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { ReportSectionKind } from './report.type.js';
import { TemplateScope } from '../../generated/prisma/enums.js';

/** Prisma's enums, the one source of these vocabularies, published as GraphQL enums. */
export { TemplateScope };

registerEnumType(TemplateScope, {
  name: 'TemplateScope',
  description: 'Which markets a report template applies to. The most specific one a market has wins: ROLE, then CATEGORY, then COUNTRY, then DEFAULT.',
  valuesConfig: {
    DEFAULT: { description: 'Every market (scopeValue is "").' },
    CATEGORY: { description: 'Roles of one category (scopeValue is the category, e.g. "Data Science & AI").' },
    ROLE: { description: 'One role in every country (scopeValue is the role slug).' },
    COUNTRY: { description: 'Every role in one country (scopeValue is the country code).' },
  },
});

export enum PlaceholderKind {
  TEXT = 'TEXT',
  CONDITION = 'CONDITION',
}
registerEnumType(PlaceholderKind, {
  name: 'PlaceholderKind',
  description: 'How a report template may use a placeholder.',
  valuesConfig: {
    TEXT: { description: 'A value inserted with {{name}}; {{#name}}…{{/name}} keeps text only when the market has the value, {{^name}}…{{/name}} only when it has not.' },
    CONDITION: { description: 'A yes/no that only switches blocks: {{#name}}shown when true{{/name}}, {{^name}}shown when false{{/name}}.' },
  },
});

export enum ReportTemplateErrorCode {
  BLANK = 'BLANK',
  INVALID_SYNTAX = 'INVALID_SYNTAX',
  UNKNOWN_PLACEHOLDER = 'UNKNOWN_PLACEHOLDER',
  CONDITION_AS_TEXT = 'CONDITION_AS_TEXT',
  MISSING_CONFIDENCE_NOTE = 'MISSING_CONFIDENCE_NOTE',
  INVALID_SCOPE_VALUE = 'INVALID_SCOPE_VALUE',
  UNKNOWN_SCOPE_VALUE = 'UNKNOWN_SCOPE_VALUE',
  NOT_FOUND = 'NOT_FOUND',
  DEFAULT_REQUIRED = 'DEFAULT_REQUIRED',
}
registerEnumType(ReportTemplateErrorCode, {
  name: 'ReportTemplateErrorCode',
  description: 'Why a report template could not be saved or deleted.',
  valuesConfig: {
    BLANK: { description: 'The heading or body is empty.' },
    INVALID_SYNTAX: { description: 'A tag is malformed or never closed, blocks do not nest, or the heading spans several lines.' },
    UNKNOWN_PLACEHOLDER: { description: 'The template names a placeholder that does not exist (see Query.reportPlaceholders).' },
    CONDITION_AS_TEXT: { description: 'A CONDITION placeholder is inserted as text instead of opening a block.' },
    MISSING_CONFIDENCE_NOTE: { description: 'A MARKET_OVERVIEW body does not always print {{confidence.note}}.' },
    INVALID_SCOPE_VALUE: { description: 'scopeValue is malformed for the scope (e.g. not empty for DEFAULT).' },
    UNKNOWN_SCOPE_VALUE: { description: 'scopeValue names no role, category or country.' },
    NOT_FOUND: { description: 'There is no such template to delete.' },
    DEFAULT_REQUIRED: { description: 'DEFAULT templates cannot be deleted: every market falls back to them.' },
  },
});

@SimpleObjectType({ description: 'The wording of one report section for a scope, with {{placeholders}} for the figures.' })
export class ReportTemplate {
  @Field(() => ReportSectionKind, { description: 'The section this wording is for.' })
  kind!: ReportSectionKind;

  @Field(() => TemplateScope, { description: 'Which markets it applies to.' })
  scope!: TemplateScope;

  @Field(() => String, { description: 'The role slug, category or country code of the scope; "" for DEFAULT.' })
  scopeValue!: string;

  @Field(() => String, { description: 'The heading template (one line of Markdown), e.g. "Required Skills for {{role.title}}".' })
  heading!: string;

  @Field(() => String, { description: 'The body template (Markdown).' })
  body!: string;

  @Field(() => String, { description: 'When the template was last saved, ISO 8601.' })
  updatedAt!: string;
}

@SimpleObjectType({ description: 'A name report templates may use; its value is computed from the market when a report is written.' })
export class ReportPlaceholder {
  @Field(() => String, { description: 'The name, used as {{name}}, e.g. "median".' })
  name!: string;

  @Field(() => PlaceholderKind, { description: 'Inserted text, or a condition for blocks.' })
  kind!: PlaceholderKind;

  @Field(() => String, { description: 'What it holds, with an example.' })
  description!: string;
}

@SimpleObjectType({ description: 'A problem with a template change that the caller can fix.' })
export class ReportTemplateUserError {
  @Field(() => [String], { description: 'Path of the offending input field, e.g. ["input", "body"].' })
  field!: string[];

  @Field(() => String, { description: 'What is wrong and how to fix it.' })
  message!: string;

  @Field(() => ReportTemplateErrorCode, { description: 'Machine-readable kind of problem.' })
  code!: ReportTemplateErrorCode;
}

@SimpleObjectType({ description: 'Result of saveReportTemplate.' })
export class SaveReportTemplatePayload {
  @Field(() => ReportTemplate, { nullable: true, description: 'The template as saved; null when userErrors is not empty.' })
  template!: ReportTemplate | null;

  @Field(() => [ReportTemplateUserError], { description: 'Why nothing was saved; empty on success.' })
  userErrors!: ReportTemplateUserError[];
}

@SimpleObjectType({ description: 'Result of deleteReportTemplate.' })
export class DeleteReportTemplatePayload {
  @Field(() => ReportTemplate, { nullable: true, description: 'The template that was deleted; null when userErrors is not empty.' })
  deletedTemplate!: ReportTemplate | null;

  @Field(() => [ReportTemplateUserError], { description: 'Why nothing was deleted; empty on success.' })
  userErrors!: ReportTemplateUserError[];
}
