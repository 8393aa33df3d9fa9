"use client";

import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Button } from "@/components/ui/button";
import { leaveTeamAction } from "../../actions";

/** Leaves the team and goes to another one. The last owner is told to hand over first. */
export function LeaveTeamButton({ teamSlug, teamName }: { teamSlug: string; teamName: string }) {
  const router = useRouter();
  const leave = useActionMutation(() => leaveTeamAction(teamSlug, {}), {
    success: () => `You left ${teamName}`,
    onSuccess: () => router.replace("/"),
  });
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="outline">
          <LogOut aria-hidden /> Leave team
        </Button>
      }
      title={`Leave ${teamName}?`}
      description="You lose access to its apps, keys and audit log at once. To come back, you need a new invite."
      confirmLabel="Leave team"
      pending={leave.isPending}
      onConfirm={() => leave.mutateAsync(undefined)}
    />
  );
}
