-- Modes, holds and "Ask Paul" (issue 11).
ALTER TABLE "gaming_sessions" ADD COLUMN "dev_vmids" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "gaming_sessions" ADD COLUMN "dev_restored_at" TIMESTAMPTZ(3);
ALTER TABLE "gaming_sessions" ADD COLUMN "adopted" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "dev_holds" (
    "id" TEXT NOT NULL DEFAULT 'dev',
    "until" TIMESTAMPTZ(3) NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_by_name" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dev_holds_pkey" PRIMARY KEY ("id")
);

CREATE TYPE "GamingRequestStatus" AS ENUM ('pending', 'allowed', 'cancelled');

CREATE TABLE "gaming_requests" (
    "id" UUID NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_by_name" TEXT NOT NULL,
    "requested_by_role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "GamingRequestStatus" NOT NULL DEFAULT 'pending',
    "decided_by" TEXT,
    "decided_by_name" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "session_id" UUID,

    CONSTRAINT "gaming_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "gaming_requests_status_created_at_idx" ON "gaming_requests"("status", "created_at");
-- A double tap on "Ask Paul" asks once: one pending request per person.
CREATE UNIQUE INDEX "gaming_requests_one_pending" ON "gaming_requests"("requested_by") WHERE "status" = 'pending';
