// The local OpenID provider's accounts, for development, demos and tests. They all belong to
// the demo team, with the role each name says. The provider vouches for every email but the
// `unverified` user's (its email_verified claim is false), so that the checks that need a
// verified email can be tried. A login with a tag, such as `viewer+2`, is another user with
// the same role (viewer+2@demo.latchkey.test): a second person to invite, remove or sign out.

export const DEMO_TEAM = { name: "Demo team", slug: "demo" } as const;

export const DEMO_USERS = [
  { login: "owner", email: "owner@demo.latchkey.test", name: "Olivia Owner", role: "owner", emailVerified: true },
  { login: "admin", email: "admin@demo.latchkey.test", name: "Adam Admin", role: "admin", emailVerified: true },
  { login: "developer", email: "developer@demo.latchkey.test", name: "Dana Developer", role: "developer", emailVerified: true },
  { login: "viewer", email: "viewer@demo.latchkey.test", name: "Victor Viewer", role: "viewer", emailVerified: true },
  { login: "unverified", email: "unverified@demo.latchkey.test", name: "Uma Unverified", role: "admin", emailVerified: false },
] as const;

export type DemoUser = { login: string; email: string; name: string; role: (typeof DEMO_USERS)[number]["role"]; emailVerified: boolean };

const DEMO_DOMAIN = "demo.latchkey.test";

/** The demo user for a login such as `viewer` or `viewer+2` (tags: up to 32 of a-z, 0-9 and -). */
export function demoUserByLogin(login: string): DemoUser | undefined {
  const match = /^([a-z]+)(?:\+([a-z0-9-]{1,32}))?$/.exec(login.trim().toLowerCase());
  const base = match && DEMO_USERS.find((u) => u.login === match[1]);
  if (!base) return undefined;
  const tag = match[2];
  return tag
    ? { ...base, login: `${base.login}+${tag}`, email: `${base.login}+${tag}@${DEMO_DOMAIN}`, name: `${base.name} (${tag})` }
    : { ...base };
}

export function demoUserByEmail(email: string): DemoUser | undefined {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 0 || lower.slice(at + 1) !== DEMO_DOMAIN) return undefined;
  return demoUserByLogin(lower.slice(0, at));
}
