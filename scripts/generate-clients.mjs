// Generates the Prisma client for both providers. The server picks one at run time from
// DATABASE_URL, so one build serves SQLite and PostgreSQL alike.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const prismaBin = "node_modules/prisma/build/index.js";
if (!existsSync(prismaBin)) process.exit(0);
for (const provider of ["sqlite", "postgresql"]) {
  execFileSync(process.execPath, [prismaBin, "generate", "--schema", `prisma/${provider}/schema.prisma`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: provider === "sqlite" ? "file:./data/unused.db" : "postgresql://unused@localhost/unused",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
}
