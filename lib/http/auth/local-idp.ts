import "server-only";
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";
import { derivedSecret } from "../../core/crypto/server-secret";
import { processSlot } from "../../core/registry";
import { demoUserByEmail, demoUserByLogin } from "../../domain/accounts/demo-users";

// A real OpenID provider (the certified oidc-provider package) on loopback, so that a fresh
// clone signs in through the full authorization-code flow with PKCE and state. Its sign-in
// form takes a demo login (lib/domain/accounts/demo-users.ts) and any password. It never starts
// when an external identity provider is configured.

export const LOCAL_IDP_CLIENT_ID = "latchkey-console";

/** The local provider this process started, if any: the sign-in options read it (./providers.ts). */
export type RunningLocalIdp = { issuer: string; consoleUrl: string };
const running = processSlot<RunningLocalIdp>("local-idp");

export function runningLocalIdp(): RunningLocalIdp | undefined {
  return running.get();
}

export function localIdpClientSecret(): string {
  return derivedSecret("local-idp-client");
}

/**
 * Where the console sends the browser after sign-out, so that the provider's own session ends
 * too and the next sign-in asks for a login (another demo role, say): the provider's
 * end_session endpoint, which comes back to the sign-in page.
 */
export function localIdpLogoutUrl(issuer: string, consoleUrl: string): string {
  const url = new URL(`${issuer.replace(/\/$/, "")}/session/end`);
  url.searchParams.set("client_id", LOCAL_IDP_CLIENT_ID);
  url.searchParams.set("post_logout_redirect_uri", `${consoleUrl.replace(/\/$/, "")}/sign-in`);
  return url.toString();
}

// The provider asks "Do you want to sign out?" by default. Only the console sends people here,
// right after they chose to sign out of it, so this demo provider confirms at once (a button
// remains for a browser without scripts).
async function logoutSource(ctx: { body?: unknown }, form: string): Promise<void> {
  ctx.body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head>
<body>
  ${form}
  <p>Signing you out of the local demo identity provider.</p>
  <button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
  <script>document.querySelector('button[name="logout"]').click();</script>
</body></html>`;
}

export async function startLocalIdp({
  port,
  consoleUrl,
}: {
  port: number;
  consoleUrl: string;
}): Promise<{ issuer: string; server: Server }> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: LOCAL_IDP_CLIENT_ID,
        client_secret: localIdpClientSecret(),
        redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [`${consoleUrl}/sign-in`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    async findAccount(_ctx, id) {
      const user = demoUserByLogin(id) ?? demoUserByEmail(id);
      if (!user) return undefined;
      return {
        accountId: user.login,
        claims: () => ({ sub: user.login, email: user.email, email_verified: user.emailVerified, name: user.name }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: [derivedSecret("local-idp-cookies")] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource } },
    // Put the requested scopes' claims (email, name) in the ID token, where next-auth reads them.
    conformIdTokenClaims: false,
    ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600 },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  running.set({ issuer, consoleUrl });
  server.once("close", () => running.get()?.issuer === issuer && running.set(undefined));
  return { issuer, server };
}
