-- CreateTable
CREATE TABLE "KeyChange" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "KeyChange_createdAt_idx" ON "KeyChange"("createdAt");

-- CreateIndex
CREATE INDEX "KeyChange_appId_seq_idx" ON "KeyChange"("appId", "seq");

