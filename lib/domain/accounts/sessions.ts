import "server-only";
import { db, type Tx } from "../../platform/db";
import { newId } from "../../core/ids";

// Console sessions live on the server. The session cookie (next-auth's encrypted JWT) carries
// the session's id, and every request looks that id up: a cookie whose session was ended reads
// as signed out at once, on every instance. Sign-out deletes its own session; "sign out of
// every session" and removal from a team delete all of a user's sessions. No cache, so that
// an ended session stays ended everywhere; the lookup is by primary key.

/** How long a session lasts without use; each use moves the end on (at most one write an hour). */
export const SESSION_SECONDS = 8 * 3600;
export const SESSION_UPDATE_SECONDS = 3600;

export async function createSession(userId: string, now = new Date()): Promise<string> {
  const id = newId("session");
  await db().$transaction([
    // Ended sessions are deleted; expired ones go when their user signs in again.
    db().session.deleteMany({ where: { userId, expiresAt: { lt: now } } }),
    db().session.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000) } }),
  ]);
  return id;
}

/** Whether the session with this id is live and belongs to this user; extends it when due. */
export async function sessionIsActive(sessionId: unknown, userId: unknown, now = new Date()): Promise<boolean> {
  if (typeof sessionId !== "string" || typeof userId !== "string" || sessionId.length > 64) return false;
  const session = await db().session.findUnique({ where: { id: sessionId } });
  if (!session || session.userId !== userId || session.expiresAt <= now) return false;
  const renewAt = session.expiresAt.getTime() - (SESSION_SECONDS - SESSION_UPDATE_SECONDS) * 1000;
  if (now.getTime() >= renewAt) {
    // A session ended meanwhile stays ended: updateMany touches no deleted row.
    await db().session.updateMany({ where: { id: session.id }, data: { expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000) } });
  }
  return true;
}

/** Sign-out: ends this one session. */
export async function endSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string") return;
  await db().session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user ("sign out of every session", removal from a team). */
export async function endUserSessions(userId: string, tx: Tx | ReturnType<typeof db> = db()): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId } });
  return count;
}
