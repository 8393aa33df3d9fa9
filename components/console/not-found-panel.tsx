import { SearchX } from "lucide-react";
import type { ReactNode } from "react";

/** The console's "not found": what happened, in the console's own look, and where to go from here. */
export function NotFoundPanel({ description, children }: { description: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby="not-found-heading"
      className="mx-auto flex max-w-xl flex-col items-center gap-4 rounded-lg border border-border bg-card px-6 py-12 text-center"
    >
      <SearchX aria-hidden className="size-10 text-muted-foreground" />
      <p className="text-sm font-medium text-muted-foreground">Error 404</p>
      <h1 id="not-found-heading" className="text-2xl font-semibold tracking-tight">
        Page not found
      </h1>
      <p className="text-sm text-muted-foreground">{description}</p>
      <div className="flex flex-wrap justify-center gap-2">{children}</div>
    </section>
  );
}
