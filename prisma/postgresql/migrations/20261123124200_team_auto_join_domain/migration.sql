-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "autoJoinDomain" TEXT,
ADD COLUMN     "autoJoinRole" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Team_autoJoinDomain_key" ON "Team"("autoJoinDomain");

