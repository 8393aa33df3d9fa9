import { z } from "zod";
import { databaseUrl, providerOf } from "./db/url.mjs";

const envSchema = z.object({
  DATABASE_URL: z.string().min(1),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LATCHKEY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & { DATABASE_PROVIDER: "sqlite" | "postgresql" };

let parsed: Env | undefined;

/** The process environment, parsed once. DATABASE_URL defaults to a SQLite file under ./data/. */
export function env(): Env {
  if (!parsed) {
    const base = envSchema.parse({ ...process.env, DATABASE_URL: databaseUrl() });
    parsed = { ...base, DATABASE_PROVIDER: providerOf(base.DATABASE_URL) };
  }
  return parsed;
}
