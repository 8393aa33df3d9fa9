import { parseKey } from "./key-secret";

// Finding Latchkey keys in text (`latchkey scan`): anything shaped like a key is confirmed by its
// CRC32 checksum, offline, so that a string that only looks like a key is not reported. A found
// key is shown as its prefix only.

const CANDIDATE = /(?<![0-9A-Za-z_])lk_(?:app|live|test)_[0-9A-Za-z]{57}(?![0-9A-Za-z])/g;

export type FoundKey = { key: string; prefix: string; line: number; column: number };

/** The checksummed Latchkey keys in `text`, with their 1-based line and column. */
export function findKeys(text: string): FoundKey[] {
  const found: FoundKey[] = [];
  let lineStart = 0;
  let line = 1;
  let scanned = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const parsed = parseKey(match[0]);
    if (!parsed) continue;
    for (let i = text.indexOf("\n", scanned); i !== -1 && i < match.index; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = match.index;
    found.push({ key: match[0], prefix: parsed.prefix, line, column: match.index - lineStart + 1 });
  }
  return found;
}

/** A key as the scanner prints it: its public prefix, the secret left out. */
export function redact(found: Pick<FoundKey, "prefix">): string {
  return `${found.prefix}…`;
}
