-- CreateTable
CREATE TABLE "VerificationCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "VerificationCount_projectId_hour_idx" ON "VerificationCount"("projectId", "hour");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationCount_appId_keyId_hour_outcome_key" ON "VerificationCount"("appId", "keyId", "hour", "outcome");

