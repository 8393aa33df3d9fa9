// Who is acting, and on which tenant. Every service function takes one of these; the tenant
// comes from the caller's credentials, never from the request body.

export type Actor = { type: "user" | "app_key" | "system"; id: string };

export type RequestMeta = { ipAddress: string | null; userAgent: string | null };

export const NO_REQUEST: RequestMeta = { ipAddress: null, userAgent: null };

export type TeamScope = { teamId: string; actor: Actor; request: RequestMeta };

/** An app inside a team: what an app admin key acts on, or a member who opened an app. */
export type AppScope = TeamScope & { appId: string };
