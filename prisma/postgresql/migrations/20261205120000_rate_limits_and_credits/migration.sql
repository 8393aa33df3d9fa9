-- Rate limits and credits (issue 17): ApiKey.rateLimits and ApiKey.counterId, and the credits table.

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "counterId" TEXT,
ADD COLUMN     "rateLimits" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "KeyCounter" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "remaining" INTEGER NOT NULL,
    "refillAmount" INTEGER,
    "refillInterval" TEXT,
    "refilledAt" TIMESTAMP(3) NOT NULL,
    "base" INTEGER NOT NULL,
    "lowNotice20At" TIMESTAMP(3),
    "lowNotice5At" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyCounter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeyCounter_refillInterval_refilledAt_idx" ON "KeyCounter"("refillInterval", "refilledAt");

