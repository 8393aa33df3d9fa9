"use client";

import { type Resource, ResourceList } from "@/components/console/resource-list";
import { createProjectAction, deleteProjectAction, renameProjectAction } from "../actions";

export function ProjectsList({
  teamSlug,
  appId,
  projects,
  canWrite,
}: {
  teamSlug: string;
  appId: string;
  projects: Resource[];
  canWrite: boolean;
}) {
  return (
    <ResourceList
      noun="project"
      items={projects}
      canWrite={canWrite}
      emptyHint={{
        writer: "No projects yet. Create one above; it starts with a production and a development environment.",
        reader: "No projects yet. An admin of this team can create one.",
      }}
      deleteWarning="Deleting a project deletes its environments and every key in it. Those keys stop verifying at once. This cannot be undone."
      create={(name) => createProjectAction(teamSlug, { app_id: appId, name })}
      rename={(project_id, name) => renameProjectAction(teamSlug, { app_id: appId, project_id, name })}
      remove={(project_id, confirm_name) => deleteProjectAction(teamSlug, { app_id: appId, project_id, confirm_name })}
    />
  );
}
