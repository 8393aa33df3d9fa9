"use client";

import { Ban } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionMutation } from "@/components/console/action";
import { ConfirmDialog } from "@/components/console/confirm-dialog";
import { Time } from "@/components/console/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { revokeInviteAction } from "../../actions";

export type InviteRow = { id: string; email: string | null; role: string; createdAt: string; expiresAt: string; expired: boolean };

/** The team's open invites: neither accepted nor revoked. Expired ones stay until revoked. */
export function InvitesTable({
  teamSlug,
  invites,
  newId,
  onRevoked,
}: {
  teamSlug: string;
  invites: InviteRow[];
  newId: string | null;
  onRevoked: (id: string) => void;
}) {
  const router = useRouter();
  const revoke = useActionMutation((invite: InviteRow) => revokeInviteAction(teamSlug, { invite_id: invite.id }), {
    success: () => "Invite revoked; its link no longer works",
    onSuccess: (_, invite) => (onRevoked(invite.id), router.refresh()),
  });
  if (invites.length === 0) {
    return <p className="rounded-lg border border-dashed border-border p-6 text-center text-sm text-muted-foreground">No open invites.</p>;
  }
  return (
    <Table aria-label="Open invites">
      <TableHeader>
        <TableRow>
          <TableHead>For</TableHead>
          <TableHead className="hidden sm:table-cell">Role</TableHead>
          <TableHead className="hidden md:table-cell">Created</TableHead>
          <TableHead className="hidden sm:table-cell">Expires</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invites.map((invite) => (
          <TableRow key={invite.id} data-testid={`invite-${invite.id}`}>
            <TableCell>
              <span className="flex items-center gap-2">
                {invite.email ?? <span className="text-muted-foreground">anyone with the link</span>}
                {invite.id === newId ? <Badge variant="info">Just created</Badge> : null}
              </span>
              <span className="block text-xs text-muted-foreground sm:hidden">as {invite.role}</span>
            </TableCell>
            <TableCell className="hidden sm:table-cell">
              <Badge variant="secondary">{invite.role}</Badge>
            </TableCell>
            <TableCell className="hidden md:table-cell">
              <Time value={invite.createdAt} />
            </TableCell>
            <TableCell className="hidden sm:table-cell">
              <Time value={invite.expiresAt} />
            </TableCell>
            <TableCell>{invite.expired ? <Badge variant="outline">Expired</Badge> : <Badge variant="success">Pending</Badge>}</TableCell>
            <TableCell>
              <ConfirmDialog
                trigger={
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    aria-label={`Revoke invite for ${invite.email ?? "anyone with the link"} as ${invite.role}`}
                  >
                    <Ban aria-hidden className="size-4" />
                  </Button>
                }
                title="Revoke this invite?"
                description={`Its link stops working at once${invite.email ? ` for ${invite.email}` : ""}. You can create a new one at any time.`}
                confirmLabel="Revoke invite"
                pending={revoke.isPending}
                onConfirm={() => revoke.mutateAsync(invite)}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
