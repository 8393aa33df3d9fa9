"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { errorSentence, useActionMutation } from "@/components/console/action";
import { consoleKeys, getJson } from "@/components/console/query-keys";
import { type RevealedSecret, RevealKeyDialog } from "@/components/console/reveal-key-dialog";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConsoleKey } from "@/lib/domain/keys/serialize";
import type { KeyPolicyJson } from "@/lib/domain/projects/schemas";
import {
  revokeKeyAction,
  revokeSelectedKeysAction,
  rotateKeyAction,
  setSelectedKeysEnabledAction,
  updateKeyAction,
} from "../../../actions";
import { BulkBar } from "./bulk-bar";
import { CreateKeyDialog } from "./create-key-dialog";
import { ACTIONS_CELL, CHECKBOX, KeyRow, SELECT_CELL } from "./key-row";
import { COLUMN_CELL, type Environment, type KeysPage, KeysPager, type KeysQuery, SORTABLE, SortHead } from "./keys-table-parts";
import { KeysToolbar } from "./keys-toolbar";

export type { KeysPage, KeysQuery } from "./keys-table-parts";

type Props = {
  teamSlug: string;
  appId: string;
  projectId: string;
  environments: Environment[];
  policy: KeyPolicyJson;
  scopeSuggestions: string[];
  canWrite: boolean;
  initialQuery: KeysQuery;
  initialPage: KeysPage;
};

const COLUMNS = 11;

const NONE: ReadonlySet<string> = new Set();
const plural = (n: number) => (n === 1 ? "1 key" : `${n} keys`);

function searchString(query: KeysQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== "" && value !== undefined) params.set(name, String(value));
  return params.toString();
}

/** A project's keys: search, filters, sorting and pages (kept in the address), with each row's actions. */
export function KeysTable({
  teamSlug,
  appId,
  projectId,
  environments,
  policy,
  scopeSuggestions,
  canWrite,
  initialQuery,
  initialPage,
}: Props) {
  const queryClient = useQueryClient();
  const [query, setQuery] = useState<KeysQuery>(initialQuery);
  const [search, setSearch] = useState(initialQuery.q);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  // The multi-select holds ids of the page shown; another page, search or filter starts afresh.
  const view = searchString(query);
  const [selection, setSelection] = useState<{ view: string; ids: ReadonlySet<string> }>({ view, ids: new Set() });
  const selected = selection.view === view ? selection.ids : NONE;
  const setSelected = (next: ReadonlySet<string> | ((current: ReadonlySet<string>) => ReadonlySet<string>)) =>
    setSelection((current) => {
      const ids = current.view === view ? current.ids : NONE;
      return { view, ids: typeof next === "function" ? next(ids) : next };
    });
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
    queryClient.setQueryData<KeysPage>(
      listKey,
      (page) => page && { ...page, rows: page.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) },
    );

  const rename = useActionMutation(
    (v: { id: string; name: string }) => updateKeyAction(teamSlug, { app_id: appId, key_id: v.id, changes: { name: v.name } }),
    {
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
    },
  );
  const revoke = useActionMutation((v: { id: string; name: string }) => revokeKeyAction(teamSlug, { app_id: appId, key_id: v.id }), {
    success: (_, v) => `Revoked ${v.name}; it no longer verifies`,
    onSuccess: (_, v) => (patchRow(v.id, { status: "revoked", revoked_at: new Date().toISOString() }), invalidate()),
  });

  const setEnabled = useActionMutation(
    (v: { id: string; name: string; enabled: boolean }) =>
      updateKeyAction(teamSlug, { app_id: appId, key_id: v.id, changes: { enabled: v.enabled } }),
    {
      success: (_, v) => (v.enabled ? `Enabled ${v.name}; it verifies again` : `Disabled ${v.name}; it no longer verifies until enabled`),
      onSuccess: invalidate,
    },
  );
  const ids = () => [...selected];
  const bulkEnable = useActionMutation(
    (enabled: boolean) => setSelectedKeysEnabledAction(teamSlug, { app_id: appId, project_id: projectId, ids: ids(), enabled }),
    {
      success: ({ changed }, enabled) => `${enabled ? "Enabled" : "Disabled"} ${plural(changed.length)}`,
      onSuccess: () => (setSelected(new Set()), invalidate()),
    },
  );
  const bulkRevoke = useActionMutation(() => revokeSelectedKeysAction(teamSlug, { app_id: appId, project_id: projectId, ids: ids() }), {
    success: ({ revoked }) => `Revoked ${plural(revoked.length)}`,
    onSuccess: () => (setSelected(new Set()), invalidate()),
  });

  const set = (patch: Partial<KeysQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  function toggleSort(column: string) {
    setQuery((q) => ({ ...q, page: 1, sort: column, dir: q.sort === column && q.dir === "desc" ? "asc" : "desc" }));
  }

  const data = keys.data;
  const envName = (id: string) => environments.find((e) => e.id === id)?.name ?? "—";
  const filtered = query.q !== "" || query.status !== "" || query.environment_id !== "";
  const pageIds = data?.rows.map((key) => key.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const select = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <KeysToolbar search={search} onSearch={setSearch} query={query} onFilter={set} environments={environments}>
        {canWrite ? (
          <CreateKeyDialog
            teamSlug={teamSlug}
            appId={appId}
            projectId={projectId}
            environments={environments}
            policy={policy}
            scopeSuggestions={scopeSuggestions}
            onCreated={(key) => {
              setRevealed({ title: `${key.name} is ready`, secret: key.key });
              void invalidate();
            }}
          />
        ) : null}
      </KeysToolbar>
      {canWrite && selected.size > 0 ? (
        <BulkBar
          count={selected.size}
          pending={bulkEnable.isPending || bulkRevoke.isPending}
          onSetEnabled={(enabled) => bulkEnable.mutateAsync(enabled)}
          onRevoke={() => bulkRevoke.mutateAsync()}
          onClear={() => setSelected(new Set())}
        />
      ) : null}

      <Table aria-label="API keys" aria-busy={keys.isFetching}>
        <TableHeader>
          <TableRow>
            {canWrite ? (
              <TableHead className={SELECT_CELL}>
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  checked={allSelected}
                  disabled={pageIds.length === 0}
                  onChange={(e) => setSelected(new Set(e.target.checked ? pageIds : []))}
                  aria-label="Select every key on this page"
                />
              </TableHead>
            ) : null}
            <SortHead column={SORTABLE[0]} query={query} onSort={toggleSort} />
            <TableHead>Status</TableHead>
            <TableHead className={COLUMN_CELL.key}>Key</TableHead>
            <TableHead className={COLUMN_CELL.scopes}>Scopes</TableHead>
            <TableHead className={COLUMN_CELL.environment}>Environment</TableHead>
            {SORTABLE.slice(1).map((column) => (
              <SortHead key={column.id} column={column} query={query} onSort={toggleSort} className={column.cell} />
            ))}
            <TableHead className={ACTIONS_CELL}>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {!data && keys.isPending
            ? Array.from({ length: 5 }, (_, i) => (
                <TableRow key={i}>
                  <TableCell colSpan={COLUMNS}>
                    <Skeleton className="h-6 w-full" />
                  </TableCell>
                </TableRow>
              ))
            : null}
          {keys.isError && !data ? (
            <TableRow>
              <TableCell colSpan={COLUMNS} className="py-8 text-center">
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
              <TableCell colSpan={COLUMNS} className="py-10 text-center text-sm whitespace-normal text-muted-foreground">
                {filtered
                  ? "No key matches these filters. Clear the search or choose another status."
                  : canWrite
                    ? "This project has no keys yet. Create one to give a customer or a service access."
                    : "This project has no keys yet."}
              </TableCell>
            </TableRow>
          ) : null}
          {data?.rows.map((key) => (
            <KeyRow
              key={key.id}
              keyRow={key}
              href={`${base}/keys/${key.id}`}
              environment={envName(key.environment_id)}
              canWrite={canWrite}
              maxLifetimeDays={policy.max_key_lifetime_days}
              rename={(name) => rename.mutateAsync({ id: key.id, name })}
              rotate={(grace) => rotateKeyAction(teamSlug, { app_id: appId, key_id: key.id, grace_period_seconds: grace })}
              onRotated={(secret) => (setRevealed(secret), void invalidate())}
              revoke={() => revoke.mutateAsync({ id: key.id, name: key.name })}
              revoking={revoke.isPending}
              setEnabled={(enabled) => setEnabled.mutateAsync({ id: key.id, name: key.name, enabled })}
              selected={selected.has(key.id)}
              onSelect={(on) => select(key.id, on)}
            />
          ))}
        </TableBody>
      </Table>

      <KeysPager
        data={data}
        query={query}
        onPageSize={(page_size) => set({ page_size })}
        onPage={(page) => setQuery((q) => ({ ...q, page }))}
      />
      <RevealKeyDialog revealed={revealed} onClose={() => setRevealed(null)} />
    </div>
  );
}
