// Every action the audit log records, with a few words for people. recordAudit takes only
// these (its `action` is typed by this list), so the audit log's action filter offers exactly
// what can appear, and a new action cannot be recorded without being named here.

export const AUDIT_ACTIONS = {
  "team.created": "Team created",
  "team.renamed": "Team renamed",
  "team.deleted": "Team deleted",
  "team.auto_join_changed": "Auto-join domain changed",
  "member.joined": "Member joined",
  "member.left": "Member left",
  "member.removed": "Member removed",
  "member.role_changed": "Member's role changed",
  "invite.created": "Invite created",
  "invite.revoked": "Invite revoked",
  "app.created": "App created",
  "app.renamed": "App renamed",
  "app.deleted": "App deleted",
  "app_api_key.created": "App admin key created",
  "app_api_key.renamed": "App admin key renamed",
  "app_api_key.deleted": "App admin key deleted",
  "project.created": "Project created",
  "project.renamed": "Project renamed",
  "project.deleted": "Project deleted",
  "project.key_policy_updated": "Project key policy changed",
  "project.webhook_secret_created": "Webhook signing secret created",
  "project.webhook_secret_rotated": "Webhook signing secret rotated",
  "project.webhook_endpoint_created": "Webhook endpoint added",
  "project.webhook_endpoint_deleted": "Webhook endpoint removed",
  "api_key.created": "Key created",
  "api_key.updated": "Key changed",
  "api_key.rotated": "Key rotated",
  "api_key.revoked": "Key revoked",
  "api_key.disabled": "Key disabled",
  "api_key.enabled": "Key enabled",
  "api_key.leaked": "Key reported leaked",
  "api_key.imported": "Keys imported",
  "api_key.credits_changed": "Key credits changed",
  "webhook.redelivered": "Webhook message redelivered",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actions in the order the filter offers them: by what they act on, as listed above. */
export const AUDIT_ACTION_LIST = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value: value as AuditAction, label }));
