-- AlterTable
ALTER TABLE "Project" ADD COLUMN "defaultGracePeriodSeconds" INTEGER;
ALTER TABLE "Project" ADD COLUMN "defaultRotationIntervalDays" INTEGER;
ALTER TABLE "Project" ADD COLUMN "maxKeyLifetimeDays" INTEGER;
ALTER TABLE "Project" ADD COLUMN "previousWebhookSecret" TEXT;
ALTER TABLE "Project" ADD COLUMN "previousWebhookSecretExpiresAt" DATETIME;
ALTER TABLE "Project" ADD COLUMN "webhookSecret" TEXT;
ALTER TABLE "Project" ADD COLUMN "webhookSecretCreatedAt" DATETIME;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiryNotice1dAt" DATETIME;
ALTER TABLE "ApiKey" ADD COLUMN "expiryNotice7dAt" DATETIME;
ALTER TABLE "ApiKey" ADD COLUMN "graceEndedNoticeAt" DATETIME;
ALTER TABLE "ApiKey" ADD COLUMN "rotationGracePeriodSeconds" INTEGER;

-- CreateTable
CREATE TABLE "WebhookMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "sealedKey" TEXT,
    "sealedUntil" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookMessage_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workerId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,
    "error" TEXT,
    CONSTRAINT "WebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "WebhookMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Environment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requireExpiry" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Environment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Environment" ("createdAt", "id", "kind", "name", "projectId") SELECT "createdAt", "id", "kind", "name", "projectId" FROM "Environment";
DROP TABLE "Environment";
ALTER TABLE "new_Environment" RENAME TO "Environment";
CREATE UNIQUE INDEX "Environment_projectId_name_key" ON "Environment"("projectId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WebhookMessage_status_nextAttemptAt_idx" ON "WebhookMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookMessage_projectId_createdAt_idx" ON "WebhookMessage"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookMessage_keyId_idx" ON "WebhookMessage"("keyId");

-- CreateIndex
CREATE INDEX "WebhookMessage_sealedUntil_idx" ON "WebhookMessage"("sealedUntil");

-- CreateIndex
CREATE INDEX "WebhookAttempt_messageId_startedAt_idx" ON "WebhookAttempt"("messageId", "startedAt");

-- CreateIndex
CREATE INDEX "ApiKey_expiresAt_idx" ON "ApiKey"("expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_graceExpiresAt_idx" ON "ApiKey"("graceExpiresAt");


-- Keys rotated before webhooks existed: their grace periods are not announced after the fact.
UPDATE "ApiKey" SET "graceEndedNoticeAt" = "graceExpiresAt" WHERE "replacedByKeyId" IS NOT NULL;
