-- A counter of snapshot rebuilds (one row). Each rebuild claims every stale market and adds one;
-- an import that finds it unchanged since its previous batch knows the stale marks it left are
-- still there, and marks only markets it has not marked yet.

-- CreateTable
CREATE TABLE "snapshot_rebuild" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "snapshot_rebuild_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "snapshot_rebuild_one_row" CHECK ("id" = 1)
);

INSERT INTO "snapshot_rebuild" ("id", "generation") VALUES (1, 0);
