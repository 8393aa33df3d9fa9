// Prisma's wasm schema engine cannot deserialize Postgres columns of type `name` (OID 19),
// which the migration queries read from the catalog: https://github.com/prisma/prisma/issues/27403
// This pool reports such columns as `text` (OID 25). It is used only by the migration adapter.
import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

function rewriteFields(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

export class NameAsTextPool extends pg.Pool {
  async query(...args) {
    return rewriteFields(await super.query(...args));
  }

  async connect(...args) {
    if (args.length > 0) return super.connect(...args);
    const client = await super.connect();
    const query = client.query.bind(client);
    client.query = async (...queryArgs) => rewriteFields(await query(...queryArgs));
    return client;
  }
}
