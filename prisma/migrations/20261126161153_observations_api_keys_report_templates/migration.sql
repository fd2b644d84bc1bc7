-- CreateEnum
CREATE TYPE "ReportSectionKind" AS ENUM ('MARKET_OVERVIEW', 'REGIONAL_DEMAND', 'GROWTH_CATALYST', 'CAREER_MOAT', 'SKILL_PREMIUM', 'REQUIRED_SKILLS', 'AI_IMPACT', 'NEGOTIATION', 'COST_OF_LIVING', 'STRATEGIC_CHECKLIST');

-- CreateEnum
CREATE TYPE "TemplateScope" AS ENUM ('DEFAULT', 'CATEGORY', 'ROLE', 'COUNTRY');

-- CreateTable
CREATE TABLE "observation" (
    "id" BIGSERIAL NOT NULL,
    "source_key" TEXT NOT NULL,
    "row_key" TEXT NOT NULL,
    "country_id" INTEGER NOT NULL,
    "role_id" INTEGER NOT NULL,
    "level" "ExperienceLevel" NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "job_title" TEXT NOT NULL,
    "employment_type" TEXT,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency_code" VARCHAR(3) NOT NULL,
    "original_amount" DECIMAL(14,2),
    "original_currency" VARCHAR(3),
    "remote_ratio" INTEGER,
    "company_location" VARCHAR(2),
    "company_size" VARCHAR(1),
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exchange_rate" (
    "id" SERIAL NOT NULL,
    "base_currency" VARCHAR(3) NOT NULL,
    "currency_code" VARCHAR(3) NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "sample_size" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "exchange_rate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_template" (
    "id" SERIAL NOT NULL,
    "kind" "ReportSectionKind" NOT NULL,
    "scope" "TemplateScope" NOT NULL DEFAULT 'DEFAULT',
    "scope_value" TEXT NOT NULL DEFAULT '',
    "heading" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "report_template_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "observation_country_id_role_id_period_idx" ON "observation"("country_id", "role_id", "period");

-- CreateIndex
CREATE UNIQUE INDEX "observation_source_key_row_key_key" ON "observation"("source_key", "row_key");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_rate_base_currency_currency_code_period_key" ON "exchange_rate"("base_currency", "currency_code", "period");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "report_template_kind_scope_scope_value_key" ON "report_template"("kind", "scope", "scope_value");
