-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiredNoticeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookMessage" ADD COLUMN     "endpointId" TEXT;

