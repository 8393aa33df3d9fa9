"use client";

import { useState } from "react";
import { type CreatedInvite, InviteForm } from "./invite-form";
import { type InviteRow, InvitesTable } from "./invites-table";

/** The invite form and the open invites; the invite just created is marked in the table. */
export function InvitesSection({ teamSlug, invites }: { teamSlug: string; invites: InviteRow[] }) {
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  return (
    <>
      <InviteForm teamSlug={teamSlug} created={created} onCreated={setCreated} />
      <InvitesTable
        teamSlug={teamSlug}
        invites={invites}
        newId={created?.id ?? null}
        onRevoked={(id) => id === created?.id && setCreated(null)}
      />
    </>
  );
}
