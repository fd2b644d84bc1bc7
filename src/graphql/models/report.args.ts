import { MaxLength } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ReportSectionKind } from './report.type.js';
import { TemplateScope } from './report.template.type.js';

export const MAX_HEADING_LENGTH = 200;
export const MAX_BODY_LENGTH = 20_000;

@ArgsType()
export class ReportTemplatesArgs {
  @Field(() => ReportSectionKind, { nullable: true, description: 'Only templates of this section.' })
  kind?: ReportSectionKind | null;

  @Field(() => TemplateScope, { nullable: true, description: 'Only templates of this scope.' })
  scope?: TemplateScope | null;
}

@InputType({ description: 'Names one report template: a section and the scope it applies to.' })
export class ReportTemplateKeyInput {
  @Field(() => ReportSectionKind, { description: 'The section.' })
  kind!: ReportSectionKind;

  @Field(() => TemplateScope, { defaultValue: TemplateScope.DEFAULT, description: 'Which markets the template applies to.' })
  scope!: TemplateScope;

  @Field(() => String, { defaultValue: '', description: 'Role slug (ROLE), category (CATEGORY) or country code (COUNTRY); "" for DEFAULT.' })
  scopeValue!: string;
}

@InputType({ description: 'The wording of a report section for a scope. Figures go in as {{placeholders}} (see Query.reportPlaceholders), never as numbers.' })
export class SaveReportTemplateInput extends ReportTemplateKeyInput {
  @Field(() => String, { description: `Heading template, one line, at most ${MAX_HEADING_LENGTH} characters, e.g. "Required Skills for {{role.title}}".` })
  @MaxLength(MAX_HEADING_LENGTH)
  heading!: string;

  @Field(() => String, { description: `Body template in Markdown, at most ${MAX_BODY_LENGTH} characters. {{name}} inserts a value; {{#name}}…{{/name}} keeps its content only when name has a value, {{^name}}…{{/name}} only when it has none.` })
  @MaxLength(MAX_BODY_LENGTH)
  body!: string;
}
