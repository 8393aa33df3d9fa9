-- Rate limits and credits (issue 17): ApiKey.rateLimits and ApiKey.counterId, and the credits table.
-- (Prisma's diff rebuilds ApiKey; adding the two columns is the same schema without copying it.)

-- CreateTable
CREATE TABLE "KeyCounter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "remaining" INTEGER NOT NULL,
    "refillAmount" INTEGER,
    "refillInterval" TEXT,
    "refilledAt" DATETIME NOT NULL,
    "base" INTEGER NOT NULL,
    "lowNotice20At" DATETIME,
    "lowNotice5At" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "rateLimits" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "ApiKey" ADD COLUMN "counterId" TEXT;

CREATE INDEX "KeyCounter_refillInterval_refilledAt_idx" ON "KeyCounter"("refillInterval", "refilledAt");
