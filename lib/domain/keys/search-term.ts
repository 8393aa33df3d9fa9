// A pasted key is searched by its public part only. This module has no server imports: the
// keys table runs it in the browser before the search leaves the page, and the server runs it
// again on whatever arrives, so the secret part is neither sent, kept in the address, nor queried.

// `lk_<kind>_<public id>` followed by anything of the secret: the whole key, or a start of it.
const PASTED_KEY = /^(lk_(?:app|live|test)_[0-9A-Za-z]{8})[0-9A-Za-z]+$/;

/** The key_prefix of a pasted key (or of a start of one), or null when the text is not one. */
export function pastedKeyPrefix(input: string): string | null {
  return PASTED_KEY.exec(input.trim())?.[1] ?? null;
}

/** The text to search keys by: a pasted key becomes its key_prefix; anything else is trimmed. */
export function keySearchTerm(input: string): string {
  return pastedKeyPrefix(input) ?? input.trim();
}
