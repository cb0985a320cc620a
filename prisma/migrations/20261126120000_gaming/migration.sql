-- CreateEnum
CREATE TYPE "GamingSessionState" AS ENUM ('starting', 'booting', 'ready', 'stopping', 'ended');

-- CreateEnum
CREATE TYPE "GamingEndReason" AS ENUM ('stopped', 'lease', 'idle', 'failed', 'cancelled', 'external');

-- CreateTable
CREATE TABLE "gaming_sessions" (
    "id" UUID NOT NULL,
    "vmid" INTEGER NOT NULL,
    "state" "GamingSessionState" NOT NULL DEFAULT 'starting',
    "started_by" TEXT NOT NULL,
    "started_by_name" TEXT NOT NULL,
    "started_by_role" "Role" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "start_upid" TEXT,
    "stop_dev" BOOLEAN NOT NULL DEFAULT false,
    "ready_at" TIMESTAMPTZ(3),
    "lease_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "warned_at" TIMESTAMPTZ(3),
    "stop_requested_at" TIMESTAMPTZ(3),
    "stopped_by" TEXT,
    "stopped_by_name" TEXT,
    "hard_stop_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" "GamingEndReason",
    "failure" TEXT,
    "activity_at" TIMESTAMPTZ(3),
    "activity_bytes" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gaming_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "gaming_sessions_started_by_started_at_idx" ON "gaming_sessions"("started_by", "started_at" DESC);

-- CreateIndex
CREATE INDEX "gaming_sessions_started_at_idx" ON "gaming_sessions"("started_at" DESC);

-- One active session per VM: concurrent starts (double taps, two people, two replicas) collide here.
CREATE UNIQUE INDEX "gaming_sessions_one_active" ON "gaming_sessions"("vmid") WHERE "ended_at" IS NULL;
