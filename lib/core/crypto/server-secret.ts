import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";
import { processSlot } from "../registry";

// The server's one secret: session signing, and keys derived from it. LATCHKEY_SECRET sets it
// (several instances must share it); otherwise it is generated on the first start and kept in
// the data directory, readable by its owner only.

const secret = processSlot<string>("server-secret");

export function serverSecret(): string {
  const known = secret.get();
  if (known) return known;
  const fromEnv = env().LATCHKEY_SECRET;
  if (fromEnv) {
    secret.set(fromEnv);
    return fromEnv;
  }
  const file = path.resolve(env().LATCHKEY_DATA_DIR, "server-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  const stored = readFileSync(file, "utf8").trim();
  secret.set(stored);
  return stored;
}

/** A secret for one purpose, derived so that no two uses share a key. */
export function derivedSecret(purpose: string): string {
  return createHmac("sha256", serverSecret()).update(purpose).digest("base64url");
}
