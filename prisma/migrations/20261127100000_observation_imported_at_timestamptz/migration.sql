-- imported_at is an instant: timestamptz, which its default now() already is. As timestamp(3),
-- every loaded row paid a conversion to local time and a rounding to milliseconds (~4 % of a bulk
-- load). Existing values are read in the session's time zone, the one they were written in.

-- AlterTable
ALTER TABLE "observation" ALTER COLUMN "imported_at" SET DATA TYPE TIMESTAMPTZ(6);
