-- A row key that is a whole number (a file's line number, or a client's numeric id) is stored as
-- a bigint in row_number; any other key stays text in row_key. The same key always lands in the
-- same column, so identity is unchanged. A bigint key indexes at about half the cost of a text
-- one, and line numbers arrive in order, each landing on the index's last page.

ALTER TABLE "observation" DROP CONSTRAINT "observation_pkey",
ADD COLUMN "row_number" BIGINT,
ALTER COLUMN "row_key" DROP NOT NULL;

-- Canonical whole numbers only ("7", not "07" or "+7"), with at most 18 digits so that they fit.
UPDATE "observation" SET "row_number" = "row_key"::bigint, "row_key" = NULL
WHERE "row_key" ~ '^(0|[1-9][0-9]{0,17})$';

ALTER TABLE "observation" ADD CONSTRAINT "observation_one_row_key" CHECK (num_nonnulls("row_number", "row_key") = 1);

-- CreateIndex
CREATE UNIQUE INDEX "observation_source_id_row_number_key" ON "observation"("source_id", "row_number") WHERE "row_number" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "observation_source_id_row_key_key" ON "observation"("source_id", "row_key") WHERE "row_key" IS NOT NULL;
