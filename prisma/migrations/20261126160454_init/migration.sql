-- CreateEnum
CREATE TYPE "SnapshotSource" AS ENUM ('IMPORTED', 'COMPUTED');

-- CreateEnum
CREATE TYPE "ExperienceLevel" AS ENUM ('ALL', 'ENTRY', 'MID', 'SENIOR', 'EXECUTIVE');

-- CreateEnum
CREATE TYPE "AdviceCategory" AS ENUM ('MARKET_POSITIONING', 'GROWTH_CATALYST', 'CAREER_MOAT', 'NEGOTIATION', 'AI_READINESS', 'COST_OF_LIVING');

-- CreateTable
CREATE TABLE "country" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(2) NOT NULL,
    "name" TEXT NOT NULL,
    "currency_code" VARCHAR(3) NOT NULL,

    CONSTRAINT "country_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    CONSTRAINT "role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_alias" (
    "id" SERIAL NOT NULL,
    "alias" TEXT NOT NULL,
    "role_id" INTEGER NOT NULL,

    CONSTRAINT "role_alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "market_snapshot" (
    "id" SERIAL NOT NULL,
    "country_id" INTEGER NOT NULL,
    "role_id" INTEGER NOT NULL,
    "level" "ExperienceLevel" NOT NULL DEFAULT 'ALL',
    "period" VARCHAR(7) NOT NULL,
    "currency_code" VARCHAR(3) NOT NULL,
    "sample_size" INTEGER NOT NULL,
    "median" DECIMAL(14,2) NOT NULL,
    "mean" DECIMAL(14,2),
    "p10" DECIMAL(14,2),
    "p25" DECIMAL(14,2),
    "p75" DECIMAL(14,2),
    "p90" DECIMAL(14,2),
    "median_ci_lower" DECIMAL(14,2),
    "median_ci_upper" DECIMAL(14,2),
    "projected_median" DECIMAL(14,2),
    "projection_method" TEXT,
    "projection_periods" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "as_of" DATE NOT NULL,
    "source" "SnapshotSource" NOT NULL,
    "provenance" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "market_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "skill" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    CONSTRAINT "skill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_skill" (
    "snapshot_id" INTEGER NOT NULL,
    "skill_id" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "premium_percent" DECIMAL(6,2),

    CONSTRAINT "snapshot_skill_pkey" PRIMARY KEY ("snapshot_id","skill_id")
);

-- CreateTable
CREATE TABLE "certification" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,

    CONSTRAINT "certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_certification" (
    "snapshot_id" INTEGER NOT NULL,
    "certification_id" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "premium_percent" DECIMAL(6,2),

    CONSTRAINT "snapshot_certification_pkey" PRIMARY KEY ("snapshot_id","certification_id")
);

-- CreateTable
CREATE TABLE "premium_tier" (
    "id" SERIAL NOT NULL,
    "tier" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "min_percent" DECIMAL(6,2) NOT NULL,
    "max_percent" DECIMAL(6,2) NOT NULL,

    CONSTRAINT "premium_tier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "advice" (
    "id" SERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "category" "AdviceCategory" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "advice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "country_code_key" ON "country"("code");

-- CreateIndex
CREATE UNIQUE INDEX "role_slug_key" ON "role"("slug");

-- CreateIndex
CREATE INDEX "role_category_idx" ON "role"("category");

-- CreateIndex
CREATE UNIQUE INDEX "role_alias_alias_key" ON "role_alias"("alias");

-- CreateIndex
CREATE INDEX "role_alias_role_id_idx" ON "role_alias"("role_id");

-- CreateIndex
CREATE INDEX "market_snapshot_role_id_idx" ON "market_snapshot"("role_id");

-- CreateIndex
CREATE UNIQUE INDEX "market_snapshot_country_id_role_id_level_period_key" ON "market_snapshot"("country_id", "role_id", "level", "period");

-- CreateIndex
CREATE UNIQUE INDEX "skill_name_key" ON "skill"("name");

-- CreateIndex
CREATE INDEX "snapshot_skill_skill_id_idx" ON "snapshot_skill"("skill_id");

-- CreateIndex
CREATE UNIQUE INDEX "certification_name_key" ON "certification"("name");

-- CreateIndex
CREATE INDEX "snapshot_certification_certification_id_idx" ON "snapshot_certification"("certification_id");

-- CreateIndex
CREATE UNIQUE INDEX "premium_tier_tier_category_key" ON "premium_tier"("tier", "category");

-- CreateIndex
CREATE INDEX "advice_snapshot_id_idx" ON "advice"("snapshot_id");

-- AddForeignKey
ALTER TABLE "role_alias" ADD CONSTRAINT "role_alias_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "market_snapshot" ADD CONSTRAINT "market_snapshot_country_id_fkey" FOREIGN KEY ("country_id") REFERENCES "country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "market_snapshot" ADD CONSTRAINT "market_snapshot_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_skill" ADD CONSTRAINT "snapshot_skill_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "market_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_skill" ADD CONSTRAINT "snapshot_skill_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_certification" ADD CONSTRAINT "snapshot_certification_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "market_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_certification" ADD CONSTRAINT "snapshot_certification_certification_id_fkey" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "advice" ADD CONSTRAINT "advice_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "market_snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
