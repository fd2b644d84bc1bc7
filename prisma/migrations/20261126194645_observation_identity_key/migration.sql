-- Observations are identified by (source id, row key) alone: the bigint id and its index, the
-- text (source_key, row_key) index and the market index go. Each index costs a bulk load about as
-- much as writing the rows; the snapshot rebuild reads observations by scanning.

-- CreateTable
CREATE TABLE "observation_source" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "observation_source_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "observation_source_key_key" ON "observation_source"("key");

-- Sources of the observations loaded so far.
INSERT INTO "observation_source" ("key") SELECT DISTINCT "source_key" FROM "observation" ORDER BY 1;

-- DropIndex
DROP INDEX "observation_country_id_role_id_period_idx";

-- DropIndex
DROP INDEX "observation_source_key_row_key_key";

-- AlterTable
ALTER TABLE "observation" DROP CONSTRAINT "observation_pkey",
DROP COLUMN "id",
ADD COLUMN     "source_id" INTEGER;

UPDATE "observation" o SET "source_id" = s."id" FROM "observation_source" s WHERE s."key" = o."source_key";

-- Row keys compare byte by byte: several times cheaper than the database's locale, and the order
-- of row keys means nothing.
ALTER TABLE "observation" DROP COLUMN "source_key",
ALTER COLUMN "source_id" SET NOT NULL,
ALTER COLUMN "row_key" SET DATA TYPE TEXT COLLATE "C",
ADD CONSTRAINT "observation_pkey" PRIMARY KEY ("source_id", "row_key");
