-- CreateEnum
CREATE TYPE "PromotionState" AS ENUM ('proposed', 'approved', 'committing', 'pr_open', 'committed', 'syncing', 'live', 'degraded', 'conflict', 'failed', 'rejected');

-- CreateEnum
CREATE TYPE "PromotionKind" AS ENUM ('promote', 'rollback');

-- CreateTable
CREATE TABLE "promotions" (
    "id" UUID NOT NULL,
    "kind" "PromotionKind" NOT NULL DEFAULT 'promote',
    "state" "PromotionState" NOT NULL DEFAULT 'proposed',
    "services" TEXT[],
    "title" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "base_sha" TEXT NOT NULL,
    "dev_sha" TEXT NOT NULL,
    "proposed_by" TEXT NOT NULL,
    "approved_by" TEXT,
    "approved_by_name" TEXT,
    "approved_by_email" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "reject_reason" TEXT,
    "commit_sha" TEXT,
    "commit_url" TEXT,
    "pr_number" INTEGER,
    "pr_url" TEXT,
    "pr_branch" TEXT,
    "rollback_of_id" UUID,
    "error" TEXT,
    "degraded_since" TIMESTAMPTZ(3),
    "live_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_events" (
    "id" BIGSERIAL NOT NULL,
    "promotion_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "state" "PromotionState" NOT NULL,
    "actor" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "promotion_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "promotions_commit_sha_key" ON "promotions"("commit_sha");

-- CreateIndex
CREATE INDEX "promotions_state_updated_at_idx" ON "promotions"("state", "updated_at");

-- CreateIndex
CREATE INDEX "promotions_created_at_idx" ON "promotions"("created_at" DESC);

-- CreateIndex
CREATE INDEX "promotion_events_promotion_id_at_idx" ON "promotion_events"("promotion_id", "at");

-- AddForeignKey
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_rollback_of_id_fkey" FOREIGN KEY ("rollback_of_id") REFERENCES "promotions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_events" ADD CONSTRAINT "promotion_events_promotion_id_fkey" FOREIGN KEY ("promotion_id") REFERENCES "promotions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
