-- CreateTable
CREATE TABLE "KeyChange" (
    "seq" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyChange_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "KeyChange_createdAt_idx" ON "KeyChange"("createdAt");

-- CreateIndex
CREATE INDEX "KeyChange_appId_seq_idx" ON "KeyChange"("appId", "seq");

