"use client";

import { useRouter } from "next/navigation";
import { useActionMutation } from "@/components/console/action";
import { InlineRename } from "@/components/console/inline-rename";
import { renameTeamAction } from "../../actions";

/** The team's name, renamed in place by admins and owners. */
export function TeamName({ teamSlug, name, canRename }: { teamSlug: string; name: string; canRename: boolean }) {
  const router = useRouter();
  const rename = useActionMutation((next: string) => renameTeamAction(teamSlug, { name: next }), {
    success: (team) => `Renamed the team to ${team.name}`,
    onSettled: () => router.refresh(),
  });
  return <InlineRename name={name} noun="team" canRename={canRename} onRename={(next) => rename.mutateAsync(next)} />;
}
