// The field lists of the seed documents (../shared/seeds), written out by hand: tests hold the
// implementation to them, so they must not be derived from the implementation's own schemas.

/** Seed 001: a project API key, in this order. */
export const SEED_API_KEY_FIELDS = [
  "id",
  "project_id",
  "name",
  "key_prefix",
  "scopes",
  "expires_at",
  "last_used_at",
  "created_at",
  "revoked_at",
  "replaced_by_key_id",
  "grace_expires_at",
  "environment_id",
  "rotation_interval_days",
  "next_rotation_at",
  "rotation_webhook_url",
] as const;

/** Seed 001: the rotate response. */
export const SEED_ROTATE_FIELDS = [
  "old_key_id",
  "new_key_id",
  "project_id",
  "name",
  "key",
  "key_prefix",
  "scopes",
  "expires_at",
  "created_at",
  "grace_expires_at",
] as const;

/** Seed 000: an app API key. */
export const SEED_APP_KEY_FIELDS = ["created_at", "id", "key_prefix", "name", "role"] as const;
