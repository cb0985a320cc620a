-- Notifications that matter (issue 16): the user's locale, per-person preferences, Web Push
-- subscriptions, a durable outbox; and promotion windows and freezes.
ALTER TABLE "users" ADD COLUMN "locale" TEXT;

CREATE TABLE "notification_preferences" (
    "subject" TEXT NOT NULL,
    "events" JSONB NOT NULL DEFAULT '{}',
    "quiet_start" TEXT,
    "quiet_end" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("subject")
);

CREATE TABLE "push_subscriptions" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions"("endpoint");
CREATE INDEX "push_subscriptions_subject_idx" ON "push_subscriptions"("subject");

CREATE TABLE "notification_outbox" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "recipient" TEXT,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "priority" TEXT NOT NULL DEFAULT 'default',
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "notification_outbox_dedupe_key_channel_target_key" ON "notification_outbox"("dedupe_key", "channel", "target");
CREATE INDEX "notification_outbox_state_next_attempt_at_idx" ON "notification_outbox"("state", "next_attempt_at");

CREATE TABLE "promotion_windows" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "days" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "from_time" TEXT,
    "to_time" TEXT,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "reason" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_windows_pkey" PRIMARY KEY ("id")
);
