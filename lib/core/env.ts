import { z } from "zod";
import { databaseUrl, providerOf } from "./database-url.mjs";
import { parseTrustedProxies } from "./net/trusted-proxies";

/** A variable that may be unset; blank counts as unset, and surrounding space is dropped. */
const optional = z.preprocess((value) => (typeof value === "string" ? value.trim() || undefined : value), z.string().optional());

/** The identity providers' settings (README: "Single sign-on"); lib/http/auth/providers.ts reads them. */
const IDP_VARIABLES = [
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "OIDC_NAME",
  "OKTA_ISSUER",
  "OKTA_CLIENT_ID",
  "OKTA_CLIENT_SECRET",
  "ENTRA_TENANT_ID",
  "ENTRA_CLIENT_ID",
  "ENTRA_CLIENT_SECRET",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_CLIENT_SECRET",
  "GITHUB_CLIENT_ID",
  "GITHUB_CLIENT_SECRET",
] as const;

const envSchema = z.object({
  ...(Object.fromEntries(IDP_VARIABLES.map((name) => [name, optional])) as Record<(typeof IDP_VARIABLES)[number], typeof optional>),
  // The server's secret (lib/core/crypto/server-secret.ts); generated into the data directory when unset.
  LATCHKEY_SECRET: optional,
  LATCHKEY_DATA_DIR: optional.transform((value) => value ?? "data"),
  // The address `latchkey start` listens on (all interfaces when unset), and its local demo IdP.
  HOST: optional,
  LATCHKEY_LOCAL_IDP: z.enum(["on", "off"]).default("on"),
  LATCHKEY_LOCAL_IDP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATABASE_URL: z.string().min(1),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LATCHKEY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Hosts, addresses and CIDR ranges that webhooks may reach although they are private.
  LATCHKEY_WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
  // The in-process scheduler of `latchkey start`: "off" when a separate `latchkey worker` runs.
  LATCHKEY_SCHEDULER: z.enum(["on", "off"]).default("on"),
  // How long an instance answers verifications from its cache while the database cannot be reached.
  // Memory budget of each thread's verification cache, in MB.
  LATCHKEY_VERIFY_CACHE_MB: z.coerce.number().min(1).max(16_384).default(64),
  LATCHKEY_STALE_IF_ERROR_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  // How long the change log (lib/platform/cache/change-log.ts) keeps a change.
  LATCHKEY_CHANGE_LOG_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  LATCHKEY_SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // GET /metrics (Prometheus) is off unless this is set; then a scrape must send it as a bearer token.
  // Rate limits and credits exact across instances (lib/platform/limits/redis.ts): redis://[:password@]host:port[/db].
  REDIS_URL: optional.pipe(z.url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL" }).optional()),
  LATCHKEY_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").max(512).optional(),
  // Proxies whose X-Forwarded-For is believed (lib/http/net/client-ip.ts): addresses, CIDR ranges,
  // "loopback", "private". Empty: the socket address is the client, whatever the header says.
  LATCHKEY_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
});

export type Env = z.infer<typeof envSchema> & { DATABASE_PROVIDER: "sqlite" | "postgresql" };

/**
 * The console's public URL: next-auth's own variable, which next-auth reads from process.env
 * itself and `latchkey start` sets when it is unset (cli/serve.ts), so it is read here at each
 * call rather than parsed once.
 */
export function consoleUrl(): string | undefined {
  return process.env.NEXTAUTH_URL?.trim() || undefined;
}

let parsed: Env | undefined;

/** The process environment, parsed once. DATABASE_URL defaults to a SQLite file under ./data/. */
export function env(): Env {
  if (!parsed) {
    const base = envSchema.parse({ ...process.env, DATABASE_URL: databaseUrl() });
    parsed = { ...base, DATABASE_PROVIDER: providerOf(base.DATABASE_URL) };
  }
  return parsed;
}
