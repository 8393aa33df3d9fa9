-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "defaultGracePeriodSeconds" INTEGER,
ADD COLUMN     "defaultRotationIntervalDays" INTEGER,
ADD COLUMN     "maxKeyLifetimeDays" INTEGER,
ADD COLUMN     "previousWebhookSecret" TEXT,
ADD COLUMN     "previousWebhookSecretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "webhookSecret" TEXT,
ADD COLUMN     "webhookSecretCreatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "requireExpiry" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiryNotice1dAt" TIMESTAMP(3),
ADD COLUMN     "expiryNotice7dAt" TIMESTAMP(3),
ADD COLUMN     "graceEndedNoticeAt" TIMESTAMP(3),
ADD COLUMN     "rotationGracePeriodSeconds" INTEGER;

-- CreateTable
CREATE TABLE "WebhookMessage" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "sealedKey" TEXT,
    "sealedUntil" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workerId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,
    "error" TEXT,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "WebhookMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Keys rotated before webhooks existed: their grace periods are not announced after the fact.
UPDATE "ApiKey" SET "graceEndedNoticeAt" = "graceExpiresAt" WHERE "replacedByKeyId" IS NOT NULL;
