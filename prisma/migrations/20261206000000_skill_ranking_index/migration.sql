-- A page of roles reads the skills of its snapshots in rank order (rank, premium, sample size,
-- then name): with those columns in an index on snapshot_id, the read never visits the table's
-- rows, which lie scattered over its pages. Prisma's schema cannot state INCLUDE, so the index
-- lives here only.
CREATE INDEX "snapshot_skill_ranking_idx" ON "snapshot_skill" ("snapshot_id") INCLUDE ("skill_id", "rank", "premium_percent", "sample_size");
