-- api_key.expired notices (expiredNoticeAt), leak reports acted on at most once an hour (leakReportedAt),
-- the project endpoint a webhook message goes to (endpointId), and an index on ApiKey replacedByKeyId:
-- revoking a key looks up its predecessor, and without it a bulk revoke of 1000 keys read the whole table 1000 times.

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiredNoticeAt" TIMESTAMP(3),
ADD COLUMN     "leakReportedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookMessage" ADD COLUMN     "endpointId" TEXT;

-- CreateIndex
CREATE INDEX "ApiKey_replacedByKeyId_idx" ON "ApiKey"("replacedByKeyId");

