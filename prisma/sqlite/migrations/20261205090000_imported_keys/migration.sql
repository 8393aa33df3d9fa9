-- Keys imported by hash from another key service (`latchkey import`): ApiKey.source says which
-- keys were, and App.importedKeys opens verification by hash for keys not in Latchkey's format.
-- (Prisma's diff rebuilds both tables; adding the two columns is the same schema without copying them.)

-- AlterTable
ALTER TABLE "App" ADD COLUMN "importedKeys" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'generated';
