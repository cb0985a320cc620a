-- Refusals without a session, counted per client address and window: one row per window, never one
-- per request (the first refusal of a window also writes one audit_events row).
-- CreateTable
CREATE TABLE "anonymous_refusals" (
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_action" TEXT NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anonymous_refusals_pkey" PRIMARY KEY ("window_start","ip")
);
