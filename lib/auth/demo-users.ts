// The local OpenID provider's accounts, for development, demos and tests. They all belong to
// the demo team, with the role each name says.

export const DEMO_TEAM = { name: "Demo team", slug: "demo" } as const;

export const DEMO_USERS = [
  { login: "owner", email: "owner@demo.latchkey.test", name: "Olivia Owner", role: "owner" },
  { login: "admin", email: "admin@demo.latchkey.test", name: "Adam Admin", role: "admin" },
  { login: "developer", email: "developer@demo.latchkey.test", name: "Dana Developer", role: "developer" },
  { login: "viewer", email: "viewer@demo.latchkey.test", name: "Victor Viewer", role: "viewer" },
] as const;

export type DemoUser = (typeof DEMO_USERS)[number];

export function demoUserByEmail(email: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.email === email.toLowerCase());
}
