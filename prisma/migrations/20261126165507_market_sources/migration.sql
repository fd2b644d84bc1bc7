-- CreateTable
CREATE TABLE "market_source" (
    "country_id" INTEGER NOT NULL,
    "role_id" INTEGER NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "source_key" TEXT NOT NULL,

    CONSTRAINT "market_source_pkey" PRIMARY KEY ("country_id","role_id","period","source_key")
);

-- Observations loaded before this table existed.
INSERT INTO "market_source" ("country_id", "role_id", "period", "source_key")
SELECT DISTINCT "country_id", "role_id", "period", "source_key" FROM "observation";
