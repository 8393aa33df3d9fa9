import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The server's one secret: session signing, and keys derived from it. LATCHKEY_SECRET sets it
// (several instances must share it); otherwise it is generated on the first start and kept in
// the data directory, readable by its owner only.

const globalForSecret = globalThis as unknown as { latchkeySecret?: string };

export function serverSecret(): string {
  if (globalForSecret.latchkeySecret) return globalForSecret.latchkeySecret;
  const fromEnv = process.env.LATCHKEY_SECRET?.trim();
  if (fromEnv) return (globalForSecret.latchkeySecret = fromEnv);
  const file = path.resolve(process.env.LATCHKEY_DATA_DIR ?? "data", "server-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return (globalForSecret.latchkeySecret = readFileSync(file, "utf8").trim());
}

/** A secret for one purpose, derived so that no two uses share a key. */
export function derivedSecret(purpose: string): string {
  return createHmac("sha256", serverSecret()).update(purpose).digest("base64url");
}
