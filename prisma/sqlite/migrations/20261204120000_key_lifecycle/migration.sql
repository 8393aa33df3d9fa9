-- Key lifecycle: enabled and disabledAt and disabledReason and enabledAt, ownerId and meta, ipAllowlist, last-used context,
-- the stale-key policy of a project (disableAfterUnusedDays, staleWarningAt) and its onLeak rule, and project webhook endpoints.
-- ApiKey (projectId, ownerId, createdAt, id) serves GET /v1/api-keys with owner_id, in pages, and bulk revoke by owner.

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    CONSTRAINT "WebhookEndpoint_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "defaultRotationIntervalDays" INTEGER,
    "defaultGracePeriodSeconds" INTEGER,
    "maxKeyLifetimeDays" INTEGER,
    "disableAfterUnusedDays" INTEGER,
    "onLeak" TEXT NOT NULL DEFAULT 'disable',
    CONSTRAINT "Project_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("appId", "createdAt", "defaultGracePeriodSeconds", "defaultRotationIntervalDays", "id", "maxKeyLifetimeDays", "name", "updatedAt") SELECT "appId", "createdAt", "defaultGracePeriodSeconds", "defaultRotationIntervalDays", "id", "maxKeyLifetimeDays", "name", "updatedAt" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE INDEX "Project_appId_idx" ON "Project"("appId");
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '[]',
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "replacedByKeyId" TEXT,
    "graceExpiresAt" DATETIME,
    "rotationIntervalDays" INTEGER,
    "nextRotationAt" DATETIME,
    "rotationWebhookUrl" TEXT,
    "rotationGracePeriodSeconds" INTEGER,
    "expiryNotice7dAt" DATETIME,
    "expiryNotice1dAt" DATETIME,
    "graceEndedNoticeAt" DATETIME,
    "createdBy" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledAt" DATETIME,
    "disabledReason" TEXT,
    "enabledAt" DATETIME,
    "ownerId" TEXT,
    "meta" TEXT,
    "ipAllowlist" TEXT NOT NULL DEFAULT '[]',
    "lastUsedIp" TEXT,
    "lastUsedUserAgent" TEXT,
    "staleWarningAt" DATETIME,
    CONSTRAINT "ApiKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("appId", "createdAt", "createdBy", "environmentId", "expiresAt", "expiryNotice1dAt", "expiryNotice7dAt", "graceEndedNoticeAt", "graceExpiresAt", "id", "keyHash", "keyPrefix", "lastUsedAt", "name", "nextRotationAt", "projectId", "replacedByKeyId", "revokedAt", "rotationGracePeriodSeconds", "rotationIntervalDays", "rotationWebhookUrl", "scopes") SELECT "appId", "createdAt", "createdBy", "environmentId", "expiresAt", "expiryNotice1dAt", "expiryNotice7dAt", "graceEndedNoticeAt", "graceExpiresAt", "id", "keyHash", "keyPrefix", "lastUsedAt", "name", "nextRotationAt", "projectId", "replacedByKeyId", "revokedAt", "rotationGracePeriodSeconds", "rotationIntervalDays", "rotationWebhookUrl", "scopes" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");
CREATE INDEX "ApiKey_projectId_createdAt_id_idx" ON "ApiKey"("projectId", "createdAt", "id");
CREATE INDEX "ApiKey_projectId_name_id_idx" ON "ApiKey"("projectId", "name", "id");
CREATE INDEX "ApiKey_projectId_lastUsedAt_idx" ON "ApiKey"("projectId", "lastUsedAt");
CREATE INDEX "ApiKey_projectId_expiresAt_idx" ON "ApiKey"("projectId", "expiresAt");
CREATE INDEX "ApiKey_projectId_nextRotationAt_idx" ON "ApiKey"("projectId", "nextRotationAt");
CREATE INDEX "ApiKey_projectId_ownerId_createdAt_id_idx" ON "ApiKey"("projectId", "ownerId", "createdAt", "id");
CREATE INDEX "ApiKey_appId_idx" ON "ApiKey"("appId");
CREATE INDEX "ApiKey_environmentId_idx" ON "ApiKey"("environmentId");
CREATE INDEX "ApiKey_nextRotationAt_idx" ON "ApiKey"("nextRotationAt");
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");
CREATE INDEX "ApiKey_graceExpiresAt_idx" ON "ApiKey"("graceExpiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WebhookEndpoint_projectId_createdAt_id_idx" ON "WebhookEndpoint"("projectId", "createdAt", "id");

