"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, Ban, RefreshCw, Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { errorSentence, useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { InlineRename } from "@/components/console/inline-rename";
import { consoleKeys, getJson } from "@/components/console/query-keys";
import { type RevealedSecret, RevealKeyDialog } from "@/components/console/reveal-key-dialog";
import { RotateDialog } from "@/components/console/rotate-dialog";
import { STATUS_LABELS, StatusBadge } from "@/components/console/status-badge";
import { Time } from "@/components/console/time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConsoleKey } from "@/lib/keys/serialize";
import { pastedKeyPrefix } from "@/lib/keys/search-term";
import { KEY_STATUSES } from "@/lib/keys/state";
import { revokeKeyAction, rotateKeyAction, updateKeyAction } from "../../../actions";
import { CreateKeyDialog } from "./create-key-dialog";

export type KeysQuery = { q: string; status: string; environment_id: string; sort: string; dir: "asc" | "desc"; page: number; page_size: number };
export type KeysPage = { rows: ConsoleKey[]; total: number; page: number; page_size: number };
type Environment = { id: string; name: string; kind: string };

type Props = {
  teamSlug: string;
  appId: string;
  projectId: string;
  environments: Environment[];
  scopeSuggestions: string[];
  canWrite: boolean;
  initialQuery: KeysQuery;
  initialPage: KeysPage;
};

const SORTABLE = [
  { id: "name", label: "Name" },
  { id: "created_at", label: "Created" },
  { id: "last_used_at", label: "Last used" },
  { id: "expires_at", label: "Expires" },
  { id: "next_rotation_at", label: "Next rotation" },
] as const;
const ALL = "all";

function searchString(query: KeysQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== "" && value !== undefined) params.set(name, String(value));
  return params.toString();
}

export function KeysTable({ teamSlug, appId, projectId, environments, scopeSuggestions, canWrite, initialQuery, initialPage }: Props) {
  const queryClient = useQueryClient();
  const [query, setQuery] = useState<KeysQuery>(initialQuery);
  const [search, setSearch] = useState(initialQuery.q);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const base = `/${teamSlug}/apps/${appId}`;
  const listKey = consoleKeys.projectKeysPage(teamSlug, projectId, query);

  // Typing waits a moment before it searches, and a new search starts on page 1.
  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => (q.q === search.trim() ? q : { ...q, q: search.trim(), page: 1 })), 250);
    return () => clearTimeout(timer);
  }, [search]);

  // The table's state lives in the address too, so a reload or a shared link shows the same view.
  useEffect(() => {
    const qs = searchString(query);
    window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
  }, [query]);

  const isInitial = useMemo(() => searchString(query) === searchString(initialQuery), [query, initialQuery]);
  const keys = useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => getJson<KeysPage>(`${base}/projects/${projectId}/keys?${searchString(query)}`, signal),
    initialData: isInitial ? initialPage : undefined,
    placeholderData: keepPreviousData,
  });

  const invalidate = () => queryClient.invalidateQueries({ queryKey: consoleKeys.projectKeys(teamSlug, projectId) });
  const patchRow = (id: string, patch: Partial<ConsoleKey>) =>
    queryClient.setQueryData<KeysPage>(listKey, (page) => page && { ...page, rows: page.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) });

  const rename = useActionMutation((v: { id: string; name: string }) => updateKeyAction(teamSlug, { app_id: appId, key_id: v.id, changes: { name: v.name } }), {
    success: (key) => `Renamed to ${key.name}`,
    // Optimistic: the new name shows at once and rolls back if the server refuses it.
    onMutate: async (v) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const snapshot = queryClient.getQueryData<KeysPage>(listKey);
      patchRow(v.id, { name: v.name });
      return { snapshot };
    },
    onError: (_e, _v, context) => {
      const snapshot = (context as { snapshot?: KeysPage } | undefined)?.snapshot;
      if (snapshot) queryClient.setQueryData(listKey, snapshot);
    },
    onSettled: invalidate,
  });
  const revoke = useActionMutation((v: { id: string; name: string }) => revokeKeyAction(teamSlug, { app_id: appId, key_id: v.id }), {
    success: (_, v) => `Revoked ${v.name}; it no longer verifies`,
    onSuccess: (_, v) => (patchRow(v.id, { status: "revoked", revoked_at: new Date().toISOString() }), invalidate()),
  });

  const set = (patch: Partial<KeysQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  function toggleSort(column: string) {
    setQuery((q) => ({ ...q, page: 1, sort: column, dir: q.sort === column && q.dir === "desc" ? "asc" : "desc" }));
  }

  const data = keys.data;
  const envName = (id: string) => environments.find((e) => e.id === id)?.name ?? "—";
  const filtered = query.q !== "" || query.status !== "" || query.environment_id !== "";
  const from = data && data.total > 0 ? (data.page - 1) * data.page_size + 1 : 0;
  const to = data ? Math.min(data.total, data.page * data.page_size) : 0;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 lg:flex-row lg:items-center">
        <div className="relative flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input type="search" aria-label="Search keys" placeholder="Name, prefix, id, or paste a key" value={search} onChange={(e) => setSearch(pastedKeyPrefix(e.target.value) ?? e.target.value)} className="pl-8" />
        </div>
        <div className="flex flex-wrap gap-2">
          <Select value={query.status || ALL} onValueChange={(v) => set({ status: v === ALL ? "" : v })}>
            <SelectTrigger aria-label="Filter by status" className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All statuses</SelectItem>
              {KEY_STATUSES.map((s) => (
                <SelectItem key={s} value={s}>
                  {STATUS_LABELS[s]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={query.environment_id || ALL} onValueChange={(v) => set({ environment_id: v === ALL ? "" : v })}>
            <SelectTrigger aria-label="Filter by environment" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All environments</SelectItem>
              {environments.map((env) => (
                <SelectItem key={env.id} value={env.id}>
                  {env.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {canWrite ? (
            <CreateKeyDialog
              teamSlug={teamSlug}
              appId={appId}
              projectId={projectId}
              environments={environments}
              scopeSuggestions={scopeSuggestions}
              onCreated={(key) => {
                setRevealed({ title: `${key.name} is ready`, secret: key.key });
                void invalidate();
              }}
            />
          ) : null}
        </div>
      </div>

      <Table aria-label="API keys" aria-busy={keys.isFetching} className="min-w-[64rem]">
        <TableHeader>
          <TableRow>
            <SortHead column={SORTABLE[0]} query={query} onSort={toggleSort} />
            <TableHead>Status</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Scopes</TableHead>
            <TableHead>Environment</TableHead>
            {SORTABLE.slice(1).map((column) => (
              <SortHead key={column.id} column={column} query={query} onSort={toggleSort} />
            ))}
            {canWrite ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {!data && keys.isPending
            ? Array.from({ length: 5 }, (_, i) => (
                <TableRow key={i}>
                  <TableCell colSpan={canWrite ? 11 : 10}>
                    <Skeleton className="h-6 w-full" />
                  </TableCell>
                </TableRow>
              ))
            : null}
          {keys.isError && !data ? (
            <TableRow>
              <TableCell colSpan={canWrite ? 11 : 10} className="py-8 text-center">
                <p role="alert" className="mb-2 text-sm text-destructive">
                  The keys could not be loaded. {errorSentence(keys.error)}
                </p>
                <Button type="button" variant="outline" size="sm" onClick={() => void keys.refetch()}>
                  Try again
                </Button>
              </TableCell>
            </TableRow>
          ) : null}
          {data && data.rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={canWrite ? 11 : 10} className="py-10 text-center text-sm text-muted-foreground">
                {filtered
                  ? "No key matches these filters. Clear the search or choose another status."
                  : canWrite
                    ? "This project has no keys yet. Create one to give a customer or a service access."
                    : "This project has no keys yet."}
              </TableCell>
            </TableRow>
          ) : null}
          {data?.rows.map((key) => (
            <TableRow key={key.id} data-testid={`key-row-${key.id}`}>
              <TableCell className="max-w-64">
                <InlineRename
                  name={key.name}
                  noun="key"
                  canRename={canWrite && (key.status === "active" || key.status === "expiring_soon" || key.status === "in_grace")}
                  onRename={(name) => rename.mutateAsync({ id: key.id, name })}
                >
                  {(shown) => (
                    <Link href={`${base}/keys/${key.id}`} className="truncate font-medium underline-offset-4 hover:underline focus-visible:underline">
                      {shown}
                    </Link>
                  )}
                </InlineRename>
              </TableCell>
              <TableCell>
                <StatusBadge status={key.status} />
              </TableCell>
              <TableCell className="font-mono text-xs whitespace-nowrap">{key.key_prefix}…</TableCell>
              <TableCell>
                <Scopes scopes={key.scopes} />
              </TableCell>
              <TableCell className="whitespace-nowrap">{envName(key.environment_id)}</TableCell>
              <TableCell className="whitespace-nowrap">
                <Time value={key.created_at} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <Time value={key.last_used_at} empty="Never" />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <Time value={key.expires_at} empty="Never" />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <Time value={key.next_rotation_at} />
              </TableCell>
              {canWrite ? (
                <TableCell>
                  <RowActions
                    keyRow={key}
                    rotate={(grace) => rotateKeyAction(teamSlug, { app_id: appId, key_id: key.id, grace_period_seconds: grace })}
                    onRotated={(secret) => (setRevealed(secret), void invalidate())}
                    revoke={() => revoke.mutateAsync({ id: key.id, name: key.name })}
                    revoking={revoke.isPending}
                  />
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
        <p aria-live="polite">{data ? (data.total === 0 ? "No keys" : `Showing ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${data.total.toLocaleString("en")}`) : "Loading…"}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Select value={String(query.page_size)} onValueChange={(v) => set({ page_size: Number(v) })}>
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
          <Button type="button" variant="outline" size="sm" disabled={query.page <= 1} onClick={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}>
            Previous
          </Button>
          <span>
            Page {query.page} of {lastPage}
          </span>
          <Button type="button" variant="outline" size="sm" disabled={query.page >= lastPage} onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}>
            Next
          </Button>
        </div>
      </div>
      <RevealKeyDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </div>
  );
}

function SortHead({ column, query, onSort }: { column: { id: string; label: string }; query: KeysQuery; onSort: (id: string) => void }) {
  const active = query.sort === column.id;
  const Icon = !active ? ArrowUpDown : query.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Button type="button" variant="ghost" size="sm" className="-ml-3 h-8" onClick={() => onSort(column.id)}>
        {column.label}
        <Icon aria-hidden className="size-3.5 opacity-70" />
      </Button>
    </TableHead>
  );
}

function Scopes({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return <span className="text-muted-foreground">None</span>;
  const shown = scopes.slice(0, 2);
  return (
    <span className="flex flex-wrap gap-1" title={scopes.join(", ")}>
      {shown.map((s) => (
        <span key={s} className="rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs">
          {s}
        </span>
      ))}
      {scopes.length > shown.length ? <span className="text-xs text-muted-foreground">+{scopes.length - shown.length}</span> : null}
    </span>
  );
}

type RowActionsProps = {
  keyRow: ConsoleKey;
  rotate: (grace: number) => ReturnType<typeof rotateKeyAction>;
  onRotated: (secret: RevealedSecret) => void;
  revoke: () => Promise<unknown>;
  revoking: boolean;
};

function RowActions({ keyRow, rotate, onRotated, revoke, revoking }: RowActionsProps) {
  const usable = keyRow.status === "active" || keyRow.status === "expiring_soon" || keyRow.status === "in_grace";
  const rotatable = usable && !keyRow.replaced_by_key_id;
  return (
    <span className="flex items-center justify-end gap-1">
      {rotatable ? (
        <RotateDialog
          keyName={keyRow.name}
          rotate={rotate}
          onRotated={onRotated}
          trigger={
            <Button type="button" size="icon" variant="ghost" aria-label={`Rotate ${keyRow.name}`} title="Rotate">
              <RefreshCw aria-hidden className="size-4" />
            </Button>
          }
        />
      ) : null}
      {keyRow.status !== "revoked" ? (
        <ConfirmDialog
          trigger={
            <Button type="button" size="icon" variant="ghost" aria-label={`Revoke ${keyRow.name}`} title="Revoke">
              <Ban aria-hidden className="size-4 text-destructive" />
            </Button>
          }
          title={`Revoke ${keyRow.name}?`}
          description={`Every request that uses ${keyRow.key_prefix}… is refused from now on, grace period or not. This cannot be undone.`}
          confirmLabel="Revoke key"
          pending={revoking}
          onConfirm={revoke}
        />
      ) : null}
    </span>
  );
}
