"use client";

import { type Resource, ResourceList } from "@/components/console/resource-list";
import { createAppAction, deleteAppAction, renameAppAction } from "../actions";

export function AppsList({ teamSlug, apps, canWrite }: { teamSlug: string; apps: Resource[]; canWrite: boolean }) {
  return (
    <ResourceList
      noun="app"
      items={apps}
      canWrite={canWrite}
      emptyHint={{
        writer: "No apps yet. Name your first app above: it will hold your projects and their keys.",
        reader: "No apps yet. An admin of this team can create one.",
      }}
      deleteWarning="Deleting an app deletes its projects, its app admin keys and every project key in it. Those keys stop verifying at once. This cannot be undone."
      create={(name) => createAppAction(teamSlug, { name })}
      rename={(app_id, name) => renameAppAction(teamSlug, { app_id, name })}
      remove={(app_id, confirm_name) => deleteAppAction(teamSlug, { app_id, confirm_name })}
    />
  );
}
