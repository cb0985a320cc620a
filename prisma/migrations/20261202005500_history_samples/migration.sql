-- CreateTable
CREATE TABLE "watch_periods" (
    "id" BIGSERIAL NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "watch_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "host_memory_samples" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "mode" TEXT NOT NULL,
    "total_bytes" BIGINT NOT NULL,
    "reserve_bytes" BIGINT NOT NULL,
    "dev_bytes" BIGINT NOT NULL,
    "prod_bytes" BIGINT NOT NULL,
    "gaming_bytes" BIGINT NOT NULL,
    "other_bytes" BIGINT NOT NULL,

    CONSTRAINT "host_memory_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_ready_samples" (
    "id" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "reachable" BOOLEAN NOT NULL,
    "ready" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "node_ready_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "watch_periods_last_seen_at_idx" ON "watch_periods"("last_seen_at" DESC);

-- CreateIndex
CREATE INDEX "host_memory_samples_at_idx" ON "host_memory_samples"("at" DESC);

-- CreateIndex
CREATE INDEX "node_ready_samples_cluster_at_idx" ON "node_ready_samples"("cluster", "at" DESC);

-- CreateIndex
CREATE INDEX "node_ready_samples_at_idx" ON "node_ready_samples"("at");
