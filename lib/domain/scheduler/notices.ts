import "server-only";
import { db, transaction } from "../../platform/db";
import { enqueueWebhook } from "../webhooks/outbox";
import { emitKeyEvent, keyEventData } from "../webhooks/endpoints";
import { DAY_MS, type PassContext } from "./context";

// Phase 2: `api_key.expiring` 7 days and 1 day before a key expires (to the key's rotation
// webhook URL and the project's endpoints), and `api_key.expired` when it has (endpoints). Phase 3: the end of grace
// periods, with `api_key.grace_ended` and the wiping of new keys still held for delivery. Each
// notice is claimed with a conditional update of its marker column in the transaction that
// writes it to the outbox, so two workers, or a pass that dies half-way, never send one twice.

export type NoticeEntry = {
  key_id: string;
  type: "api_key.expiring" | "api_key.expired" | "api_key.grace_ended";
  outcome: "enqueued" | "would_enqueue";
  message_id: string | null;
  detail: string;
};

const NOTICES = [
  { days: 1, unsent: { expiryNotice1dAt: null } },
  { days: 7, unsent: { expiryNotice7dAt: null } },
] as const;

const keyFields = {
  id: true,
  appId: true,
  projectId: true,
  environmentId: true,
  name: true,
  keyPrefix: true,
  expiresAt: true,
  rotationWebhookUrl: true,
  ownerId: true,
} as const;

/** Keys someone listens to: a rotation webhook URL of their own, or a webhook endpoint on their project. */
const HEARD = { OR: [{ rotationWebhookUrl: { not: null } }, { project: { webhookEndpoints: { some: {} } } }] };

type NoticeKey = { id: string; projectId: string; environmentId: string; name: string; keyPrefix: string };

/** What every notice says about its key. */
function keyPayload(key: NoticeKey) {
  return { project_id: key.projectId, environment_id: key.environmentId, key_id: key.id, name: key.name, key_prefix: key.keyPrefix };
}

/** The 1-day notice goes first: a key found inside both windows gets that one only, and both count as sent. */
export async function enqueueExpiringNotices(ctx: PassContext): Promise<NoticeEntry[]> {
  const entries: NoticeEntry[] = [];
  for (const notice of NOTICES) {
    const horizon = new Date(ctx.now.getTime() + notice.days * DAY_MS);
    const where = {
      ...notice.unsent,
      ...HEARD,
      revokedAt: null,
      replacedByKeyId: null,
      expiresAt: { gt: ctx.now, lte: horizon },
    };
    const keys = await db().apiKey.findMany({ where, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: ctx.limit, select: keyFields });
    for (const key of keys) {
      const detail = `expires ${key.expiresAt!.toISOString()} (${notice.days}-day notice)`;
      if (ctx.dryRun) {
        entries.push({ key_id: key.id, type: "api_key.expiring", outcome: "would_enqueue", message_id: null, detail });
        continue;
      }
      const messageId = await transaction(async (tx) => {
        const claimed = await tx.apiKey.updateMany({
          where: { ...where, id: key.id, expiresAt: key.expiresAt },
          data: { ...(notice.days === 1 ? { expiryNotice1dAt: ctx.now } : { expiryNotice7dAt: ctx.now }) },
        });
        if (claimed.count !== 1) return null;
        if (notice.days === 1)
          await tx.apiKey.updateMany({ where: { id: key.id, expiryNotice7dAt: null }, data: { expiryNotice7dAt: ctx.now } });
        const event = { appId: key.appId, projectId: key.projectId, keyId: key.id, type: "api_key.expiring" as const, now: ctx.now };
        const expiry = { expires_at: key.expiresAt!.toISOString(), days_before: notice.days };
        const sent = await emitKeyEvent(tx, { ...event, data: { ...keyEventData(key), ...expiry } });
        if (!key.rotationWebhookUrl) return sent[0] ?? null;
        return enqueueWebhook(tx, { ...event, url: key.rotationWebhookUrl, data: { ...keyPayload(key), ...expiry } });
      });
      if (messageId) entries.push({ key_id: key.id, type: "api_key.expiring", outcome: "enqueued", message_id: messageId, detail });
    }
  }
  return entries;
}

/**
 * `api_key.expired` to the project's endpoints, once, when a key's expiry has passed within the
 * last day: a project's first endpoint does not hear of every key that ever expired.
 */
export async function announceExpiredKeys(ctx: PassContext): Promise<NoticeEntry[]> {
  const where = {
    expiredNoticeAt: null,
    expiresAt: { lte: ctx.now, gt: new Date(ctx.now.getTime() - DAY_MS) },
    revokedAt: null,
    project: { webhookEndpoints: { some: {} } },
  };
  const keys = await db().apiKey.findMany({ where, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: ctx.limit, select: keyFields });
  const entries: NoticeEntry[] = [];
  for (const key of keys) {
    const detail = `expired ${key.expiresAt!.toISOString()}`;
    if (ctx.dryRun) {
      entries.push({ key_id: key.id, type: "api_key.expired", outcome: "would_enqueue", message_id: null, detail });
      continue;
    }
    const messageId = await transaction(async (tx) => {
      const claimed = await tx.apiKey.updateMany({ where: { ...where, id: key.id }, data: { expiredNoticeAt: ctx.now } });
      if (claimed.count !== 1) return null;
      const ids = await emitKeyEvent(tx, {
        appId: key.appId,
        projectId: key.projectId,
        keyId: key.id,
        type: "api_key.expired",
        now: ctx.now,
        data: { ...keyEventData(key), expires_at: key.expiresAt!.toISOString() },
      });
      return ids[0] ?? null;
    });
    if (messageId) entries.push({ key_id: key.id, type: "api_key.expired", outcome: "enqueued", message_id: messageId, detail });
  }
  return entries;
}

export async function endGracePeriods(ctx: PassContext): Promise<NoticeEntry[]> {
  const where = {
    replacedByKeyId: { not: null },
    graceExpiresAt: { lte: ctx.now },
    graceEndedNoticeAt: null,
    revokedAt: null,
    rotationWebhookUrl: { not: null },
  };
  const keys = await db().apiKey.findMany({
    where,
    orderBy: [{ graceExpiresAt: "asc" }, { id: "asc" }],
    take: ctx.limit,
    select: { ...keyFields, replacedByKeyId: true, graceExpiresAt: true },
  });
  const entries: NoticeEntry[] = [];
  for (const key of keys) {
    const detail = `grace ended ${key.graceExpiresAt!.toISOString()}, replaced by ${key.replacedByKeyId}`;
    if (ctx.dryRun) {
      entries.push({ key_id: key.id, type: "api_key.grace_ended", outcome: "would_enqueue", message_id: null, detail });
      continue;
    }
    const messageId = await transaction(async (tx) => {
      const claimed = await tx.apiKey.updateMany({ where: { ...where, id: key.id }, data: { graceEndedNoticeAt: ctx.now } });
      if (claimed.count !== 1) return null;
      return enqueueWebhook(tx, {
        appId: key.appId,
        projectId: key.projectId,
        keyId: key.id,
        url: key.rotationWebhookUrl!,
        type: "api_key.grace_ended",
        now: ctx.now,
        data: {
          ...keyPayload(key),
          replaced_by_key_id: key.replacedByKeyId,
          grace_expires_at: key.graceExpiresAt!.toISOString(),
        },
      });
    });
    if (messageId) entries.push({ key_id: key.id, type: "api_key.grace_ended", outcome: "enqueued", message_id: messageId, detail });
  }
  return entries;
}

/** New plaintext keys held for delivery are wiped when the old key's grace period ends. Returns how many. */
export async function wipeHeldKeys(ctx: PassContext): Promise<number> {
  const where = { sealedKey: { not: null }, sealedUntil: { lte: ctx.now } };
  if (ctx.dryRun) return db().webhookMessage.count({ where });
  const { count } = await db().webhookMessage.updateMany({ where, data: { sealedKey: null } });
  return count;
}
