import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/auth/account-menu";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/console/nav-links";
import { TeamSwitcher } from "@/components/console/team-switcher";
import { ThemeToggle } from "@/components/theme-toggle";
import { signOutDestination } from "@/lib/http/auth/providers";
import { currentUser, requireMember } from "@/lib/http/auth/session";
import { createTeamAction } from "./actions";

type Props = { children: ReactNode; params: Promise<{ team: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team } = await params;
  const { membership } = await requireMember(team);
  return { title: membership ? `${membership.team.name} · Latchkey` : "Latchkey" };
}

export default async function TeamLayout({ children, params }: Props) {
  const { team: slug } = await params;
  const [{ membership, teams }, user] = await Promise.all([requireMember(slug), currentUser()]);
  if (!membership) notFound();
  const current = { id: membership.team.id, slug: membership.team.slug, name: membership.team.name, role: membership.role };
  return (
    <div className="min-h-screen">
      {/* The first stop for the keyboard: past the header and the team's navigation, to the page itself. */}
      <a
        href="#main"
        className="sr-only rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground outline-none focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus-visible:ring-2 focus-visible:ring-ring"
      >
        Skip to content
      </a>
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 pt-3 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            <Link
              href={`/${current.slug}`}
              className="rounded-sm font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              Latchkey
            </Link>
            <span aria-hidden className="text-muted-foreground">
              /
            </span>
            <TeamSwitcher
              current={current}
              teams={teams.map(({ team, role }) => ({ id: team.id, slug: team.slug, name: team.name, role }))}
              createTeam={createTeamAction}
            />
          </div>
          <div className="flex items-center gap-2">
            <AccountMenu email={user?.email ?? null} destination={signOutDestination()} />
            <ThemeToggle />
            <SignOutButton destination={signOutDestination()} />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 py-2 sm:px-6">
          <NavLinks teamSlug={current.slug} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl min-w-0 px-4 py-8 outline-none sm:px-6">
        {children}
      </main>
    </div>
  );
}
