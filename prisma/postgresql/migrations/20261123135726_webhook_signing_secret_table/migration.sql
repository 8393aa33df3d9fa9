-- CreateTable
CREATE TABLE "WebhookSigningSecret" (
    "projectId" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "previousSecret" TEXT,
    "previousExpiresAt" TIMESTAMP(3),

    CONSTRAINT "WebhookSigningSecret_pkey" PRIMARY KEY ("projectId")
);

-- AddForeignKey
ALTER TABLE "WebhookSigningSecret" ADD CONSTRAINT "WebhookSigningSecret_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Secrets stored by the previous migration's columns move here unchanged (same sealing context).
INSERT INTO "WebhookSigningSecret" ("projectId", "secret", "createdAt", "previousSecret", "previousExpiresAt")
SELECT "id", "webhookSecret", "webhookSecretCreatedAt", "previousWebhookSecret", "previousWebhookSecretExpiresAt" FROM "Project"
WHERE "webhookSecret" IS NOT NULL AND "webhookSecretCreatedAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "Project" DROP COLUMN "previousWebhookSecret",
DROP COLUMN "previousWebhookSecretExpiresAt",
DROP COLUMN "webhookSecret",
DROP COLUMN "webhookSecretCreatedAt";
