"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TableHead } from "@/components/ui/table";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";

// The small pieces of the keys table: sortable headings, the scope chips and the pager.

export type KeysQuery = {
  q: string;
  status: string;
  environment_id: string;
  sort: string;
  dir: "asc" | "desc";
  page: number;
  page_size: number;
};
export type KeysPage = { rows: ConsoleKey[]; total: number; total_capped: boolean; page: number; page_size: number };
export type Environment = { id: string; name: string; kind: string };

export const SORTABLE = [
  { id: "name", label: "Name", cell: undefined },
  { id: "created_at", label: "Created", cell: "hidden 2xl:table-cell" },
  { id: "last_used_at", label: "Last used", cell: "hidden sm:table-cell" },
  { id: "expires_at", label: "Expires", cell: "hidden sm:table-cell" },
  { id: "next_rotation_at", label: "Next rotation", cell: "hidden lg:table-cell" },
] as const;

/**
 * Which columns a narrow screen leaves out, so that a phone shows each key's name (with its
 * prefix beneath), status and actions without anything cut off; the key page has the rest.
 */
export const COLUMN_CELL = { key: "hidden sm:table-cell", scopes: "hidden md:table-cell", environment: "hidden md:table-cell" } as const;

export function SortHead({
  column,
  query,
  onSort,
  className,
}: {
  column: { id: string; label: string };
  query: KeysQuery;
  onSort: (id: string) => void;
  className?: string;
}) {
  const active = query.sort === column.id;
  const Icon = !active ? ArrowUpDown : query.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <Button type="button" variant="ghost" size="sm" className="-ml-3 h-8" onClick={() => onSort(column.id)}>
        {column.label}
        <Icon aria-hidden className="size-3.5 opacity-70" />
      </Button>
    </TableHead>
  );
}

export function Scopes({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return <span className="text-muted-foreground">None</span>;
  const shown = scopes.slice(0, 2);
  return (
    <span className="flex flex-wrap gap-1" title={scopes.join(", ")}>
      {shown.map((s) => (
        <span key={s} className="max-w-40 truncate rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs">
          {s}
        </span>
      ))}
      {scopes.length > shown.length ? <span className="text-xs text-muted-foreground">+{scopes.length - shown.length}</span> : null}
    </span>
  );
}

type PagerProps = { data: KeysPage | undefined; query: KeysQuery; onPageSize: (size: number) => void; onPage: (page: number) => void };

/** "Showing 1–25 of 80" (or "of 1,000+" past what the server counts), the page size and the previous and next buttons. */
export function KeysPager({ data, query, onPageSize, onPage }: PagerProps) {
  const from = data && data.total > 0 ? (data.page - 1) * data.page_size + 1 : 0;
  const to = data ? Math.min(data.total, data.page * data.page_size) : 0;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;
  const more = data?.total_capped ?? false;
  const of = (n: number) => `${n.toLocaleString("en")}${more ? "+" : ""}`;
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
      <p aria-live="polite">
        {data
          ? data.total === 0
            ? "No keys"
            : `Showing ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${of(data.total)}`
          : "Loading…"}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Select value={String(query.page_size)} onValueChange={(v) => onPageSize(Number(v))}>
          <SelectTrigger aria-label="Keys per page" className="h-8 w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {[25, 50, 100].map((n) => (
              <SelectItem key={n} value={String(n)}>
                {n} per page
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button type="button" variant="outline" size="sm" disabled={query.page <= 1} onClick={() => onPage(query.page - 1)}>
          Previous
        </Button>
        <span>
          Page {query.page} of {of(lastPage)}
        </span>
        <Button type="button" variant="outline" size="sm" disabled={!more && query.page >= lastPage} onClick={() => onPage(query.page + 1)}>
          Next
        </Button>
      </div>
    </div>
  );
}
