"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A project's two pages: its keys, and its rotation policy and webhooks. The current one is marked. */
export function ProjectTabs({ base }: { base: string }) {
  const pathname = usePathname();
  const links = [
    { href: base, label: "API keys", active: pathname === base },
    { href: `${base}/webhooks`, label: "Rotation & webhooks", active: pathname.startsWith(`${base}/webhooks`) },
  ];
  return (
    <nav aria-label="Project" className="-mt-2 mb-6 flex gap-1 overflow-x-auto border-b border-border">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.active ? "page" : undefined}
          className="-mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=page]:border-primary aria-[current=page]:font-medium aria-[current=page]:text-foreground"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
