-- Projections say how far they reach and how sure they are, snapshots name their sources'
-- licences, and the default report wording states only what the data shows.

-- A computed projection's 95 % range, horizon, and how it was made (or why there is none).
ALTER TABLE "market_snapshot" ADD COLUMN "projected_low" DECIMAL(14,2),
ADD COLUMN "projected_high" DECIMAL(14,2),
ADD COLUMN "projection_horizon" VARCHAR(7),
ADD COLUMN "projection_note" TEXT;

-- The projections already stored are ordinary least squares over every period, however few
-- salaries a period had, and across currencies: they are cleared, and every computed market is
-- marked stale so that the next import's snapshot rebuild computes them again.
UPDATE "market_snapshot" SET "projected_median" = NULL, "projection_method" = NULL, "projection_periods" = '{}',
  "projection_note" = 'Not yet recomputed with the sample-size-weighted trend: the next import''s snapshot rebuild adds it.'
WHERE "source" = 'COMPUTED' AND "projection_method" = 'LINEAR_TREND';
INSERT INTO "stale_market" ("country_id", "role_id", "period")
SELECT DISTINCT "country_id", "role_id", "period" FROM "market_snapshot" WHERE "source" = 'COMPUTED'
ON CONFLICT DO NOTHING;

-- The licence of a source's data, where it is known.
CREATE TABLE "source_licence" (
    "source_key" TEXT NOT NULL,
    "licence" TEXT NOT NULL,
    "url" TEXT,

    CONSTRAINT "source_licence_pkey" PRIMARY KEY ("source_key")
);

-- The bundled demo data, imported under its default source key.
INSERT INTO "source_licence" ("source_key", "licence", "url")
VALUES ('ai-jobs:ai-jobs-salaries-2020-2023.csv', 'CC0 1.0', 'https://ai-jobs.net/salaries/download/');

-- Default report wording: a template still as first installed gets the new wording (or, for the
-- sections the data cannot back, is removed); wording an operator has changed is left alone.
UPDATE "report_template" SET "heading" = $tpl$Market Overview$tpl$, "body" = $tpl${{#indicativeOnly}}> **Limited data.** {{/indicativeOnly}}{{confidence.note}}

As of {{lastUpdated}}, the median {{role.title}} salary in {{country.nameInSentence}} is {{median}} a year.
{{#interquartileRange}}
The middle half of salaries lies within {{interquartileRange}}.
{{/interquartileRange}}
{{#projectedMedian}}
It is projected to reach {{projectedMedian}}{{#projection.horizon}} in {{projection.horizon}}{{/projection.horizon}}, a change of {{growth.absolute}} ({{growth.percent}}){{#projection.range}}, with a 95 % range of {{projection.range}}{{/projection.range}}.
{{/projectedMedian}}
{{^projectedMedian}}
No projection is available for this market, so this report makes no forecast.
{{/projectedMedian}}
{{#projection.note}}

_{{projection.note}}_
{{/projection.note}}
{{#previous.period}}

In {{previous.period}} the median stood at {{previous.median}}{{#previous.conversion}} ({{previous.conversion}}){{/previous.conversion}}: pay has moved by {{previous.change}} ({{previous.percent}}) since then.
{{/previous.period}}
{{#medianInterval}}
With 95 % confidence, the true median lies within {{medianInterval}}.
{{/medianInterval}}$tpl$, "updated_at" = now()
WHERE "kind" = 'MARKET_OVERVIEW' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Market Overview$tpl$
  AND "body" = $tpl${{#indicativeOnly}}> **Limited data.** {{/indicativeOnly}}{{confidence.note}}

As of {{lastUpdated}}, the median {{role.title}} salary in {{country.nameInSentence}} is {{median}} a year.
{{#projectedMedian}}
It is projected to reach {{projectedMedian}}, a change of {{growth.absolute}} ({{growth.percent}}).
{{/projectedMedian}}
{{^projectedMedian}}
No projection is available for this market, so this report makes no forecast.
{{/projectedMedian}}
{{#previous.period}}
In {{previous.period}} the median stood at {{previous.median}}: pay has moved by {{previous.change}} ({{previous.percent}}) since then.
{{/previous.period}}
{{#medianInterval}}
With 95 % confidence, the true median lies within {{medianInterval}}.
{{/medianInterval}}$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Pay Above the Median$tpl$, "body" = $tpl${{#specialistBracket}}
The specialist tier is set at {{specialist.minPercent}} to {{specialist.maxPercent}} above the median, which in this market means {{specialistBracket}} a year. That band is a convention, not an observation:
{{#specialist.exceedsObserved}}
its top is above the highest pay this market's data shows (the 90th percentile, {{p90}}).
{{/specialist.exceedsObserved}}
{{^specialist.exceedsObserved}}
{{#p90}}
it lies at or below this market's 90th percentile ({{p90}}).
{{/p90}}
{{^p90}}
the sample is too small to show a 90th percentile, so the data can neither confirm nor rule out pay at this level.
{{/p90}}
{{/specialist.exceedsObserved}}
{{/specialistBracket}}
{{#topQuartile}}

Between the 75th and 90th percentile, salaries span {{topQuartile}}.
{{/topQuartile}}$tpl$, "updated_at" = now()
WHERE "kind" = 'REGIONAL_DEMAND' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Regional Demand Signals$tpl$
  AND "body" = $tpl$Hiring for {{role.title}} roles in {{country.nameInSentence}} is uneven across career stages. Junior openings attract a crowded field as training programmes and bootcamps keep adding candidates, while experienced and principal-level people in {{role.category}} stay hard to find.
{{#specialistBracket}}

That scarcity has a price: specialists who pair depth with leadership can command {{specialist.minPercent}} to {{specialist.maxPercent}} above the median, which in this market means {{specialistBracket}} a year.
{{/specialistBracket}}
{{#topQuartile}}

Between the 75th and 90th percentile, salaries span {{topQuartile}}.
{{/topQuartile}}$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Growth Catalyst$tpl$, "body" = $tpl$**{{topSkill}}** ranks first among the skills this market's data lists for {{role.title}} professionals.$tpl$, "updated_at" = now()
WHERE "kind" = 'GROWTH_CATALYST' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Growth Catalyst$tpl$
  AND "body" = $tpl$If one skill decides who earns a premium in this market, it is **{{topSkill}}**. It ranks first among the skills employers reward {{role.title}} professionals for, and real depth in it is what most clearly sets the highest earners apart.$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Career Moat$tpl$, "body" = $tpl$Of the certifications this market's data lists, the **{{topCertification}}**{{#topCertification.issuer}} from {{topCertification.issuer}}{{/topCertification.issuer}} ranks first.$tpl$, "updated_at" = now()
WHERE "kind" = 'CAREER_MOAT' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Career Moat$tpl$
  AND "body" = $tpl$A recognised credential is one of the quickest ways to stand out. In this market the **{{topCertification}}**{{#topCertification.issuer}} from {{topCertification.issuer}}{{/topCertification.issuer}} carries the most weight: it gives well-paying employers independent proof of what you can do.$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Skill Premium Analysis$tpl$, "body" = $tpl$The skills ranked highest for {{role.title}} professionals in this market are {{topSkills}}; the list below gives each one's premium where the data has one. A premium is a difference in pay observed between people who list a skill and the market as a whole, not proof that the skill causes it.$tpl$, "updated_at" = now()
WHERE "kind" = 'SKILL_PREMIUM' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Skill Premium Analysis$tpl$
  AND "body" = $tpl$Pay for {{role.title}} professionals depends more and more on depth rather than breadth. People with production-grade command of {{topSkills}} are the ones who reach the top quartile of earners{{#topQuartile}} ({{topQuartile}}){{/topQuartile}}, while those with only a passing knowledge of them tend to compete in the crowded middle of the market.{{#topCertification}} A credential such as the **{{topCertification}}** is a credible signal that helps break out of that middle band.{{/topCertification}}$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Required Skills for {{role.title}}$tpl$, "body" = $tpl$The skills this market's data lists for a {{role.title}} in {{country.nameInSentence}}, ranked:

{{skills.list}}
{{#certifications.list}}

Certifications:

{{certifications.list}}
{{/certifications.list}}$tpl$, "updated_at" = now()
WHERE "kind" = 'REQUIRED_SKILLS' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Required Skills for {{role.title}}$tpl$
  AND "body" = $tpl$The skills employers in {{country.nameInSentence}} look for in a {{role.title}}, most valuable first:

{{skills.list}}
{{#certifications.list}}

Certifications that carry weight:

{{certifications.list}}
{{/certifications.list}}$tpl$;

DELETE FROM "report_template"
WHERE "kind" = 'AI_IMPACT' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$AI Impact on {{role.title}} Careers$tpl$
  AND "body" = $tpl$AI is reshaping {{role.title}} work from the bottom up. The routine tasks that once filled junior roles are the first to be automated, yet that shift has made seasoned professionals more valuable: organisations need people who can design AI-assisted processes, oversee them and vouch for their results. Human oversight of these systems is becoming a core requirement rather than a nice-to-have, and senior pay reflects it.$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Negotiation Strategy$tpl$, "body" = $tpl$Bring the numbers with you: the median is {{median}}{{#p75}} and the top quartile starts at {{p75}}{{/p75}}. Set your ask against these figures rather than against the advertised range.
{{#growth.up}}

The median is projected to reach {{projectedMedian}}{{#projection.horizon}} in {{projection.horizon}}{{/projection.horizon}}{{#projection.range}} (95 % range {{projection.range}}){{/projection.range}}: a difference of {{growth.absolute}} you can point to.
{{/growth.up}}
{{#topSkill}}

If your strength is **{{topSkill}}**, the skill this market's data ranks first, put it at the centre of your case.
{{/topSkill}}$tpl$, "updated_at" = now()
WHERE "kind" = 'NEGOTIATION' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Negotiation Strategy$tpl$
  AND "body" = $tpl$When an offer is on the table, specialisation is your strongest lever: generalists are compared on cost, specialists on the value they bring.{{#topSkill}} If your strength is **{{topSkill}}**, put it at the centre of your case.{{/topSkill}}
{{#growth.up}}

Bring the numbers with you. The median stands at {{median}} today and is projected to reach {{projectedMedian}}; argue that you already work at the level the market is heading for, and ask for your share of that {{growth.absolute}} difference.
{{/growth.up}}
{{^growth.up}}

Bring the numbers with you: the median is {{median}}{{#p75}} and the top quartile starts at {{p75}}{{/p75}}. Set your ask against these figures rather than against the advertised range.
{{/growth.up}}$tpl$;

DELETE FROM "report_template"
WHERE "kind" = 'COST_OF_LIVING' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Cost of Living Context: {{country.name}}$tpl$
  AND "body" = $tpl$What a {{role.title}} salary is worth in {{country.nameInSentence}} depends heavily on where you live. The big tech hubs pay more on paper but charge more for housing and everyday costs; smaller cities often pay less yet leave more in your pocket. When comparing offers, weigh the whole package (retirement contributions, health cover, equity and its vesting schedule) rather than the base salary alone.
{{#interquartileRange}}

For reference, the middle half of salaries in this market falls within {{interquartileRange}}.
{{/interquartileRange}}$tpl$;

UPDATE "report_template" SET "heading" = $tpl$Strategic Checklist for {{role.title}} Professionals$tpl$, "body" = $tpl$- **Market positioning:** {{#growth.up}}set your sights on the projected {{projectedMedian}} level{{/growth.up}}{{^growth.up}}aim above the {{median}} median{{/growth.up}}{{#topSkill}} by proving your depth in {{topSkill}}{{/topSkill}}.
- **Negotiation leverage:** look beyond base pay and propose a bonus tied to outcomes you can deliver{{#topSkill}} with {{topSkill}}{{/topSkill}}.
- **Career moat:** {{#topCertification}}the certification this market's data ranks first is the {{topCertification}}.{{/topCertification}}{{^topCertification}}this market's data has no certifications, so it cannot point to one.{{/topCertification}}$tpl$, "updated_at" = now()
WHERE "kind" = 'STRATEGIC_CHECKLIST' AND "scope" = 'DEFAULT' AND "scope_value" = ''
  AND "heading" = $tpl$Strategic Checklist for {{role.title}} Professionals$tpl$
  AND "body" = $tpl$- **Market positioning:** {{#growth.up}}set your sights on the projected {{projectedMedian}} level{{/growth.up}}{{^growth.up}}aim above the {{median}} median{{/growth.up}}{{#topSkill}} by proving your depth in {{topSkill}}{{/topSkill}}.
- **Negotiation leverage:** look beyond base pay and propose a bonus tied to outcomes you can deliver{{#topSkill}} with {{topSkill}}{{/topSkill}}.
- **Career moat:** {{#topCertification}}make the {{topCertification}} your next credential.{{/topCertification}}{{^topCertification}}no certification stands out in this market's data yet, so let a portfolio of shipped work speak for you.{{/topCertification}}
- **AI readiness:** build AI-assisted workflows into your daily work and be ready to show what they changed.$tpl$;
