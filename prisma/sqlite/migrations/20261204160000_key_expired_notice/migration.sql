-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiredNoticeAt" DATETIME;

