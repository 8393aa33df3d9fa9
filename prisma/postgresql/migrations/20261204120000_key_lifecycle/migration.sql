-- Key lifecycle: enabled and disabledAt and disabledReason and enabledAt, ownerId and meta, ipAllowlist, last-used context,
-- the stale-key policy of a project (disableAfterUnusedDays, staleWarningAt) and its onLeak rule, and project webhook endpoints.
-- ApiKey (projectId, ownerId, createdAt, id) serves GET /v1/api-keys with owner_id, in pages, and bulk revoke by owner.

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "disableAfterUnusedDays" INTEGER,
ADD COLUMN     "onLeak" TEXT NOT NULL DEFAULT 'disable';

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "enabledAt" TIMESTAMP(3),
ADD COLUMN     "ipAllowlist" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "lastUsedIp" TEXT,
ADD COLUMN     "lastUsedUserAgent" TEXT,
ADD COLUMN     "meta" TEXT,
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "staleWarningAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_projectId_createdAt_id_idx" ON "WebhookEndpoint"("projectId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_ownerId_createdAt_id_idx" ON "ApiKey"("projectId", "ownerId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

