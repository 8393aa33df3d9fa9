-- CreateTable
CREATE TABLE "WebhookSigningSecret" (
    "projectId" TEXT NOT NULL PRIMARY KEY,
    "secret" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "previousSecret" TEXT,
    "previousExpiresAt" DATETIME,
    CONSTRAINT "WebhookSigningSecret_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Secrets stored by the previous migration's columns move here unchanged (same sealing context).
INSERT INTO "WebhookSigningSecret" ("projectId", "secret", "createdAt", "previousSecret", "previousExpiresAt")
SELECT "id", "webhookSecret", "webhookSecretCreatedAt", "previousWebhookSecret", "previousWebhookSecretExpiresAt" FROM "Project"
WHERE "webhookSecret" IS NOT NULL AND "webhookSecretCreatedAt" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "defaultRotationIntervalDays" INTEGER,
    "defaultGracePeriodSeconds" INTEGER,
    "maxKeyLifetimeDays" INTEGER,
    CONSTRAINT "Project_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("appId", "createdAt", "defaultGracePeriodSeconds", "defaultRotationIntervalDays", "id", "maxKeyLifetimeDays", "name", "updatedAt") SELECT "appId", "createdAt", "defaultGracePeriodSeconds", "defaultRotationIntervalDays", "id", "maxKeyLifetimeDays", "name", "updatedAt" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE INDEX "Project_appId_idx" ON "Project"("appId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

