-- The skills and certifications an observation lists, as its source names them. NULL when the
-- source lists none: a NULL costs a bulk load nothing, and skill premiums read only the rows
-- that list some.

-- AlterTable
ALTER TABLE "observation" ADD COLUMN "skills" TEXT[],
ADD COLUMN "certifications" TEXT[];
