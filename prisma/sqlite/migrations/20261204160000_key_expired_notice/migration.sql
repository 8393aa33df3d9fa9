-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiredNoticeAt" DATETIME;

-- AlterTable
ALTER TABLE "WebhookMessage" ADD COLUMN "endpointId" TEXT;

