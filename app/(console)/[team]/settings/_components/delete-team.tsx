"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Button } from "@/components/ui/button";
import { deleteTeamAction } from "../../actions";

type Props = { teamSlug: string; teamName: string; apps: number; keys: number };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Deletes the team, for owners, once they type its name. */
export function DeleteTeam({ teamSlug, teamName, apps, keys }: Props) {
  const router = useRouter();
  const remove = useActionMutation((confirm_name: string) => deleteTeamAction(teamSlug, { confirm_name }), {
    success: () => `Deleted ${teamName}`,
    // The home page opens the next team the person belongs to.
    onSuccess: () => router.replace("/"),
  });
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="destructive">
          <Trash2 aria-hidden /> Delete team
        </Button>
      }
      title={`Delete ${teamName}?`}
      description={
        <>
          <p>
            Deleting it deletes {plural(apps, "app")} and everything in {apps === 1 ? "it" : "them"}: projects, app admin keys and{" "}
            {plural(keys, "project key")}. Every one of those keys stops verifying at once. Members lose access and open invites stop
            working.
          </p>
          <p className="mt-2">This cannot be undone.</p>
        </>
      }
      confirmLabel="Delete team"
      typeToConfirm={teamName}
      pending={remove.isPending}
      onConfirm={(typed) => remove.mutateAsync(typed)}
    />
  );
}
