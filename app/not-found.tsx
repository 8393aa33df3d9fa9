import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundPanel } from "@/components/console/not-found-panel";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/lib/http/auth/session";
import { listMemberships } from "@/lib/domain/teams/members";

export const metadata: Metadata = { title: "Page not found · Latchkey" };

// The site-wide 404 (an address that names no page, or a team the visitor is not in), in the
// console's frame: its header, and a way back to the visitor's own teams.
export default async function NotFound() {
  const user = await currentUser();
  const teams = user ? await listMemberships(user.id) : [];
  return (
    <div className="min-h-screen">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="rounded-sm font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring">
            Latchkey
          </Link>
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <NotFoundPanel
          description={
            teams.length
              ? "This page does not exist, or it belongs to a team you are not a member of."
              : "This page does not exist. Sign in to reach your team's console."
          }
        >
          {teams.length ? (
            teams.slice(0, 5).map(({ team }) => (
              <Button key={team.id} asChild variant={team.id === teams[0]!.team.id ? "default" : "outline"}>
                <Link href={`/${team.slug}`}>Go to {team.name}</Link>
              </Button>
            ))
          ) : (
            <Button asChild>
              <Link href={user ? "/" : "/sign-in"}>{user ? "Home" : "Sign in"}</Link>
            </Button>
          )}
        </NotFoundPanel>
      </main>
    </div>
  );
}
