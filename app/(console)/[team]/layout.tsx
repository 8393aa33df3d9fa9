import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireMember } from "@/lib/auth/session";

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { membership, teams } = await requireMember(slug);
  if (!membership) notFound();
  return (
    <div className="min-h-screen">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-border px-6 py-3">
        <div className="flex items-center gap-4">
          <Link href={`/${membership.team.slug}`} className="font-semibold">
            Latchkey
          </Link>
          <nav aria-label="Teams" className="flex flex-wrap gap-1">
            {teams.map(({ team }) => (
              <Link
                key={team.id}
                href={`/${team.slug}`}
                aria-current={team.id === membership.team.id ? "page" : undefined}
                className="rounded-md px-2 py-1 text-sm aria-[current=page]:bg-muted aria-[current=page]:font-medium hover:bg-muted"
              >
                {team.name}
              </Link>
            ))}
          </nav>
          <Link href={`/${membership.team.slug}/members`} className="rounded-md px-2 py-1 text-sm hover:bg-muted">
            Members
          </Link>
          <Link href={`/${membership.team.slug}/audit`} className="rounded-md px-2 py-1 text-sm hover:bg-muted">
            Audit log
          </Link>
        </div>
        <SignOutButton />
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </div>
  );
}
