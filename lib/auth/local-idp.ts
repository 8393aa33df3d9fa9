import "server-only";
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";
import { derivedSecret } from "../secrets";
import { DEMO_USERS } from "./demo-users";

// A real OpenID provider (the certified oidc-provider package) on loopback, so that a fresh
// clone signs in through the full authorization-code flow with PKCE and state. Its sign-in
// form takes a demo login (owner, admin, developer, viewer) and any password. It never starts
// when an external identity provider is configured.

export const LOCAL_IDP_CLIENT_ID = "latchkey-console";

export function localIdpClientSecret(): string {
  return derivedSecret("local-idp-client");
}

export async function startLocalIdp({ port, consoleUrl }: { port: number; consoleUrl: string }): Promise<{ issuer: string; server: Server }> {
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
      const user = DEMO_USERS.find((u) => u.login === id || u.email === id);
      if (!user) return undefined;
      return { accountId: user.login, claims: () => ({ sub: user.login, email: user.email, email_verified: true, name: user.name }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: [derivedSecret("local-idp-cookies")] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    // Put the requested scopes' claims (email, name) in the ID token, where next-auth reads them.
    conformIdTokenClaims: false,
    ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600 },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, server };
}
