-- Indexes for lists that page (lib/core/pagination.ts) and for the console keys table at a million keys.
-- ApiKey (projectId, createdAt, id) serves the pages of GET /v1/api-keys and the default order of the table.
-- ApiKey (projectId, name, id), (projectId, lastUsedAt), (projectId, expiresAt) and (projectId, nextRotationAt)
-- serve its sorts. AuditEvent and WebhookMessage (..., createdAt, id) serve their pages, newest first.
-- A name search is a substring match, which no B-tree index serves: a term few keys match reads every key of the project.
-- (No semicolons or quotes in these comments: the migration engine splits statements on them.)

-- DropIndex
DROP INDEX "ApiKey_projectId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_teamId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_appId_createdAt_idx";

-- DropIndex
DROP INDEX "WebhookMessage_projectId_createdAt_idx";

-- CreateIndex
CREATE INDEX "ApiKey_projectId_createdAt_id_idx" ON "ApiKey"("projectId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_name_id_idx" ON "ApiKey"("projectId", "name", "id");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_lastUsedAt_idx" ON "ApiKey"("projectId", "lastUsedAt");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_expiresAt_idx" ON "ApiKey"("projectId", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_projectId_nextRotationAt_idx" ON "ApiKey"("projectId", "nextRotationAt");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_createdAt_id_idx" ON "AuditEvent"("teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_appId_createdAt_id_idx" ON "AuditEvent"("appId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "WebhookMessage_projectId_createdAt_id_idx" ON "WebhookMessage"("projectId", "createdAt", "id");

