import "server-only";
import type { Provider } from "next-auth/providers/index";
import { env, type Env } from "../../core/env";
import { LOCAL_IDP_CLIENT_ID, localIdpClientSecret, localIdpLogoutUrl, runningLocalIdp } from "./local-idp";

// Which identity provider signs people in. An external one is switched on by its variables
// (README: "Single sign-on"); without any, the local demo provider that `npm start` started in
// this process (runningLocalIdp) is used.

type OidcSettings = { id: string; name: string; issuer: string; clientId: string; clientSecret: string };

function oidc({ id, name, issuer, clientId, clientSecret }: OidcSettings): Provider {
  return {
    id,
    name,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
      return { id: profile.sub, email: profile.email ?? profile.preferred_username ?? null, name: profile.name ?? null };
    },
  } as Provider;
}

const setting = (name: keyof Env) => env()[name] as string | undefined;

export type ConfiguredIdp = { provider: Provider; label: string; local: boolean };

export function configuredIdps(): ConfiguredIdp[] {
  const idps: ConfiguredIdp[] = [];
  const add = (settings: OidcSettings | null) => settings && idps.push({ provider: oidc(settings), label: settings.name, local: false });
  const generic = setting("OIDC_ISSUER") && setting("OIDC_CLIENT_ID") && setting("OIDC_CLIENT_SECRET");
  add(
    generic
      ? {
          id: "oidc",
          name: setting("OIDC_NAME") ?? "Single sign-on",
          issuer: setting("OIDC_ISSUER")!,
          clientId: setting("OIDC_CLIENT_ID")!,
          clientSecret: setting("OIDC_CLIENT_SECRET")!,
        }
      : null,
  );
  const okta = setting("OKTA_ISSUER") && setting("OKTA_CLIENT_ID") && setting("OKTA_CLIENT_SECRET");
  add(
    okta
      ? {
          id: "okta",
          name: "Okta",
          issuer: setting("OKTA_ISSUER")!,
          clientId: setting("OKTA_CLIENT_ID")!,
          clientSecret: setting("OKTA_CLIENT_SECRET")!,
        }
      : null,
  );
  const entra = setting("ENTRA_TENANT_ID") && setting("ENTRA_CLIENT_ID") && setting("ENTRA_CLIENT_SECRET");
  add(
    entra
      ? {
          id: "entra",
          name: "Microsoft Entra ID",
          issuer: `https://login.microsoftonline.com/${setting("ENTRA_TENANT_ID")}/v2.0`,
          clientId: setting("ENTRA_CLIENT_ID")!,
          clientSecret: setting("ENTRA_CLIENT_SECRET")!,
        }
      : null,
  );
  const google = setting("GOOGLE_CLIENT_ID") && setting("GOOGLE_CLIENT_SECRET");
  add(
    google
      ? {
          id: "google",
          name: "Google Workspace",
          issuer: "https://accounts.google.com",
          clientId: setting("GOOGLE_CLIENT_ID")!,
          clientSecret: setting("GOOGLE_CLIENT_SECRET")!,
        }
      : null,
  );
  if (setting("GITHUB_CLIENT_ID") && setting("GITHUB_CLIENT_SECRET")) {
    // GitHub speaks OAuth 2, not OpenID Connect: next-auth's built-in GitHub provider.
    const github = {
      id: "github",
      name: "GitHub",
      type: "oauth",
      authorization: { url: "https://github.com/login/oauth/authorize", params: { scope: "read:user user:email" } },
      token: "https://github.com/login/oauth/access_token",
      userinfo: "https://api.github.com/user",
      clientId: setting("GITHUB_CLIENT_ID"),
      clientSecret: setting("GITHUB_CLIENT_SECRET"),
      checks: ["state"],
      profile: (p: { id: number; email?: string; name?: string; login: string }) => ({
        id: String(p.id),
        email: p.email ?? null,
        name: p.name ?? p.login,
      }),
    } as Provider;
    idps.push({ provider: github, label: "GitHub", local: false });
  }
  const local = runningLocalIdp()?.issuer;
  if (idps.length === 0 && local) {
    idps.push({
      provider: oidc({
        id: "oidc",
        name: "Local demo identity provider",
        issuer: local,
        clientId: LOCAL_IDP_CLIENT_ID,
        clientSecret: localIdpClientSecret(),
      }),
      label: "Local demo identity provider",
      local: true,
    });
  }
  return idps;
}

export function hasExternalIdp(): boolean {
  return configuredIdps().some((idp) => !idp.local);
}

/**
 * Where the browser goes after sign-out: the local demo provider's end-session page, which
 * ends its session and comes back to the sign-in page; otherwise the sign-in page itself. An
 * external provider's session is the company's single sign-on, which signing out of one
 * application does not end.
 */
export function signOutDestination(): string {
  const local = configuredIdps().some((idp) => idp.local);
  const idp = runningLocalIdp();
  return local && idp ? localIdpLogoutUrl(idp.issuer, idp.consoleUrl) : "/sign-in";
}
