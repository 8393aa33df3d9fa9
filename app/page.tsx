import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/http/auth/session";
import { listMemberships } from "@/lib/domain/teams/members";

export const dynamic = "force-dynamic";

// Signed in: the first team's console. Signed out: what Latchkey is, and where to start.
export default async function HomePage() {
  const user = await currentUser();
  const first = user ? (await listMemberships(user.id))[0] : undefined;
  if (first) redirect(`/${first.team.slug}`);
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Latchkey</h1>
      <p className="text-muted-foreground">
        Issue, scope, rotate, revoke and verify API keys. The REST API is served under <code className="font-mono">/v1</code>.
      </p>
      <Link href="/sign-in" className="w-fit rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground">
        Sign in to the console
      </Link>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          <a className="underline underline-offset-4" href="/v1/openapi.json">
            OpenAPI 3.1 document
          </a>
        </li>
        <li>
          Create a team, an app and an admin key from the shell:{" "}
          <code className="font-mono">npx latchkey bootstrap --team Acme --app Web --project API --json</code>
        </li>
      </ul>
    </main>
  );
}
