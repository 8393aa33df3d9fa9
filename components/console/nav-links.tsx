"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The team's sections; the one holding the current page is marked. */
export function NavLinks({ teamSlug }: { teamSlug: string }) {
  const pathname = usePathname();
  const base = `/${teamSlug}`;
  const links = [
    { href: base, label: "Apps", active: pathname === base || pathname.startsWith(`${base}/apps`) },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/audit`, label: "Audit log" },
    { href: `${base}/settings`, label: "Settings" },
  ];
  return (
    <nav aria-label="Team" className="-mx-1 flex gap-1 overflow-x-auto">
      {links.map((link) => {
        const active = link.active ?? pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className="shrink-0 rounded-md px-3 py-1.5 text-sm text-muted-foreground outline-none hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:bg-muted aria-[current=page]:font-medium aria-[current=page]:text-foreground"
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
