import { requireUserId } from "@/lib/http/auth/session";
import { AcceptInvite } from "./accept-invite";

// The page an invite link opens. It says nothing about the team before the invite is
// accepted, so that a guessed link learns nothing.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await requireUserId();
  const { token } = await params;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-4 px-6">
      <h1 className="text-2xl font-semibold tracking-tight">You have been invited to a team</h1>
      <p className="text-sm text-muted-foreground">Joining adds the team to your team switcher, with the role the invite gives.</p>
      <AcceptInvite token={token} />
    </main>
  );
}
