-- CreateTable
CREATE TABLE "stale_market" (
    "country_id" INTEGER NOT NULL,
    "role_id" INTEGER NOT NULL,
    "period" VARCHAR(7) NOT NULL,

    CONSTRAINT "stale_market_pkey" PRIMARY KEY ("country_id","role_id","period")
);
