-- CreateTable
CREATE TABLE "health_transitions" (
    "id" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "resource_version" TEXT NOT NULL,
    "from_sync" TEXT,
    "to_sync" TEXT NOT NULL,
    "from_health" TEXT,
    "to_health" TEXT NOT NULL,
    "revision" TEXT,
    "images" JSONB NOT NULL DEFAULT '[]',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_reachability" (
    "id" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "reachable" BOOLEAN NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_reachability_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "health_transitions_cluster_app_resource_version_key" ON "health_transitions"("cluster", "app", "resource_version");

-- CreateIndex
CREATE INDEX "health_transitions_cluster_app_at_idx" ON "health_transitions"("cluster", "app", "at" DESC);

-- CreateIndex
CREATE INDEX "cluster_reachability_cluster_at_idx" ON "cluster_reachability"("cluster", "at" DESC);
