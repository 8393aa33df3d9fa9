"use client";

import { Search } from "lucide-react";
import type { ReactNode } from "react";
import { STATUS_LABELS } from "@/components/console/status-badge";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { pastedKeyPrefix } from "@/lib/domain/keys/search-term";
import { KEY_STATUSES } from "@/lib/domain/keys/state";
import type { Environment, KeysQuery } from "./keys-table-parts";

const ALL = "all";

type Props = {
  search: string;
  onSearch: (value: string) => void;
  query: KeysQuery;
  onFilter: (patch: Partial<KeysQuery>) => void;
  environments: Environment[];
  /** The create button, for those who may write. */
  children?: ReactNode;
};

/** The search box and the status and environment filters above the keys table. */
export function KeysToolbar({ search, onSearch, query, onFilter, environments, children }: Props) {
  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:items-center">
      <div className="relative flex-1">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          aria-label="Search keys"
          placeholder="Name, prefix, id, or paste a key"
          value={search}
          onChange={(e) => onSearch(pastedKeyPrefix(e.target.value) ?? e.target.value)}
          className="pl-8"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Select value={query.status || ALL} onValueChange={(v) => onFilter({ status: v === ALL ? "" : v })}>
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
        <Select value={query.environment_id || ALL} onValueChange={(v) => onFilter({ environment_id: v === ALL ? "" : v })}>
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
        {children}
      </div>
    </div>
  );
}
