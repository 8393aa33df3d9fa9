import Link from "next/link";
import type { ReactNode } from "react";

export type Crumb = { label: string; href: string };

/** A page's breadcrumbs, title, one line of context and its main actions. */
export function PageHeader({
  title,
  description,
  crumbs = [],
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  crumbs?: Crumb[];
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-col gap-3">
      {crumbs.length > 0 ? (
        <nav aria-label="Breadcrumb">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground">
            {crumbs.map((crumb) => (
              <li key={crumb.href} className="flex items-center gap-1 after:content-['/'] after:text-muted-foreground">
                <Link href={crumb.href} className="rounded-sm underline-offset-4 hover:text-foreground hover:underline">
                  {crumb.label}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
          {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
