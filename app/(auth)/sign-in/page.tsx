import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/auth/sign-in-button";
import { safeCallbackPath } from "@/lib/http/auth/callback-url";
import { DEMO_USERS } from "@/lib/domain/accounts/demo-users";
import { configuredIdps } from "@/lib/http/auth/providers";
import { currentUser } from "@/lib/http/auth/session";
import { signInBlockedFor, waitSentence } from "@/lib/http/auth/sign-in-limit";
import { clientIp } from "@/lib/http/net/client-ip";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const { error, callbackUrl } = await searchParams;
  // Only a path on this site: never another origin (an open redirect).
  const next = safeCallbackPath(callbackUrl);
  if (await currentUser()) redirect(next);
  const idps = configuredIdps();
  const local = idps.some((idp) => idp.local);
  const blockedMs = signInBlockedFor(clientIp(await headers()));
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Latchkey</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          {idps.length === 0 ? "No identity provider is configured." : `Identity provider: ${idps.map((idp) => idp.label).join(", ")}.`}
        </p>
      </div>
      {blockedMs > 0 ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          Too many failed sign-ins from your network. Try again {waitSentence(blockedMs)}.
        </p>
      ) : error ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          Sign-in did not complete. Try again, or ask your administrator to check the identity provider settings.
        </p>
      ) : null}
      {blockedMs > 0 ? null : (
        <div className="flex flex-col gap-3">
          {idps.map((idp) => (
            <SignInButton key={idp.provider.id} providerId={idp.provider.id} label={idp.label} callbackUrl={next} />
          ))}
        </div>
      )}
      {local ? (
        <p className="text-sm text-muted-foreground">
          Development sign-in: use the login <code className="font-mono">{DEMO_USERS.map((u) => u.login).join(", ")}</code> with any
          password (<code className="font-mono">unverified</code> has an email the provider does not vouch for;{" "}
          <code className="font-mono">viewer+2</code> is a second viewer). Configure your company&apos;s identity provider for production
          (see the README).
        </p>
      ) : null}
    </main>
  );
}
