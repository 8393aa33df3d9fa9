// The database: the connection (connection.ts), raw prepared statements for the hot paths
// (raw.ts) and the retrying transaction (transaction.ts). Importers use this module alone.
import "server-only";
export { type Db, type Tx, type Prisma, SQLITE_BUSY_TIMEOUT_MS, db, disconnectDb } from "./connection";
export { onSqliteConnection, preparedStatement, firstRow, toSqliteTime } from "./raw";
export { transaction } from "./transaction";
export { inChunks } from "./chunks";
export { checkDatabase, migrationNames, type DatabaseReadiness } from "./readiness";
