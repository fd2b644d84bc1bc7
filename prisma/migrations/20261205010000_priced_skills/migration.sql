-- Skills and certifications priced from observations (docs/decisions/0005-priced-skills.md).
-- An entry is CURATED (entered by hand, as the seed market's are: every row so far) or COMPUTED
-- by the snapshot rebuild, which then states the figures behind it. A computed entry listed by
-- fewer than 10 observations has no rank: it is listed after the ranked ones, never above them.

-- CreateEnum
CREATE TYPE "EntryOrigin" AS ENUM ('COMPUTED', 'CURATED');

-- A skill or certification first seen in observations has no known category or issuer: NULL,
-- not a guess. Names match case-insensitively, so one row per lower-cased name.
ALTER TABLE "skill" ALTER COLUMN "category" DROP NOT NULL;
CREATE UNIQUE INDEX "skill_lower_name_key" ON "skill" (lower("name"));
ALTER TABLE "certification" ALTER COLUMN "issuer" DROP NOT NULL;
CREATE UNIQUE INDEX "certification_lower_name_key" ON "certification" (lower("name"));

-- premium_percent widens: a computed premium is whatever the medians' ratio is (amounts are
-- NUMERIC(14,2), so up to about 10^16 %), and NUMERIC(6,2) would fail the whole rebuild on one odd market.
ALTER TABLE "snapshot_skill"
  ALTER COLUMN "rank" DROP NOT NULL,
  ALTER COLUMN "premium_percent" TYPE DECIMAL(19,2),
  ADD COLUMN "sample_size" INTEGER,
  ADD COLUMN "prevalence" DECIMAL(5,4),
  ADD COLUMN "median" DECIMAL(14,2),
  ADD COLUMN "origin" "EntryOrigin" NOT NULL DEFAULT 'CURATED',
  ADD CONSTRAINT "snapshot_skill_computed_figures" CHECK ("origin" = 'CURATED' OR ("sample_size" IS NOT NULL AND "prevalence" IS NOT NULL AND "median" IS NOT NULL)),
  ADD CONSTRAINT "snapshot_skill_curated_rank" CHECK ("origin" = 'COMPUTED' OR "rank" IS NOT NULL);

ALTER TABLE "snapshot_certification"
  ALTER COLUMN "rank" DROP NOT NULL,
  ALTER COLUMN "premium_percent" TYPE DECIMAL(19,2),
  ADD COLUMN "sample_size" INTEGER,
  ADD COLUMN "prevalence" DECIMAL(5,4),
  ADD COLUMN "median" DECIMAL(14,2),
  ADD COLUMN "origin" "EntryOrigin" NOT NULL DEFAULT 'CURATED',
  ADD CONSTRAINT "snapshot_certification_computed_figures" CHECK ("origin" = 'CURATED' OR ("sample_size" IS NOT NULL AND "prevalence" IS NOT NULL AND "median" IS NOT NULL)),
  ADD CONSTRAINT "snapshot_certification_curated_rank" CHECK ("origin" = 'COMPUTED' OR "rank" IS NOT NULL);
