-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiredNoticeAt" TIMESTAMP(3);

