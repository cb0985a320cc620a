-- Promotions after Live (issue 17): a `merging` claim for pull-request merges, once-only proposals
-- and roll-backs, provenance of the approving request, and holds on auto-promotion.
ALTER TYPE "PromotionState" ADD VALUE IF NOT EXISTS 'merging' AFTER 'pr_open';

ALTER TABLE "promotions" ADD COLUMN "proposal_key" TEXT;
ALTER TABLE "promotions" ADD COLUMN "request_id" TEXT;

-- One open proposal per exact change (a double click on Review, the batch button, two replicas):
-- the second INSERT fails and joins the first. Settled rows no longer count.
CREATE UNIQUE INDEX "promotions_one_open_proposal" ON "promotions"("proposal_key")
  WHERE "state" IN ('proposed', 'approved', 'committing', 'pr_open');

-- One roll-back per promotion unless the previous attempt came to nothing.
CREATE UNIQUE INDEX "promotions_one_rollback" ON "promotions"("rollback_of_id")
  WHERE "rollback_of_id" IS NOT NULL AND "state" NOT IN ('conflict', 'failed', 'rejected');

-- A service held after a roll-back: auto-promotion leaves it alone until an admin resumes it.
CREATE TABLE "promotion_holds" (
    "service" TEXT NOT NULL,
    "promotion_id" UUID,
    "reason" TEXT NOT NULL,
    "held_by" TEXT NOT NULL,
    "held_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_holds_pkey" PRIMARY KEY ("service")
);

-- Keycloak's preferred_username, so ntfy topics can be keyed by it (or by the e-mail).
ALTER TABLE "users" ADD COLUMN "username" TEXT;
