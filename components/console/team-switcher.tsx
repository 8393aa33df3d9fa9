"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { type CreateTeam, CreateTeamDialog } from "./create-team-dialog";

type Team = { id: string; slug: string; name: string; role: string };

/** The current team, a menu of the caller's other teams, and a new team of their own. */
export function TeamSwitcher({ current, teams, createTeam }: { current: Team; teams: Team[]; createTeam: CreateTeam }) {
  const [creating, setCreating] = useState(false);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" aria-label={`Team: ${current.name}. Switch team`} className="max-w-56">
            <span className="truncate">{current.name}</span>
            <ChevronsUpDown aria-hidden className="size-4 opacity-60" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Your teams</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {teams.map((team) => (
            <DropdownMenuItem key={team.id} asChild>
              <Link
                href={`/${team.slug}`}
                aria-current={team.id === current.id ? "page" : undefined}
                className="flex items-center justify-between gap-2"
              >
                <span className="truncate">{team.name}</span>
                <span className="flex items-center gap-1 text-xs text-muted-foreground">
                  {team.role}
                  {team.id === current.id ? <Check aria-label="current team" className="size-4" /> : null}
                </span>
              </Link>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" /> Create team
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateTeamDialog teamSlug={current.slug} createTeam={createTeam} open={creating} onOpenChange={setCreating} />
    </>
  );
}
