import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A titled card on a console page; its heading names the section for assistive technology. */
export function Panel({
  id,
  title,
  description,
  className,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} className={cn("rounded-lg border border-border bg-card p-4", className)}>
      <h2 id={headingId} className={description ? "font-medium" : "mb-3 font-medium"}>
        {title}
      </h2>
      {description ? <p className="mb-4 text-sm text-muted-foreground">{description}</p> : null}
      {children}
    </section>
  );
}
