import { CopyableId } from "./copy-button";
import { PageHeader } from "./page-header";
import { ProjectTabs } from "./project-tabs";

type Named = { id: string; name: string };

/** The heading, breadcrumbs and tabs that every page of a project shares. */
export function ProjectHeader({ teamSlug, app, project }: { teamSlug: string; app: Named; project: Named }) {
  const appPath = `/${teamSlug}/apps/${app.id}`;
  return (
    <>
      <PageHeader
        title={project.name}
        description={<CopyableId id={project.id} label="Copy project ID" />}
        crumbs={[
          { label: "Apps", href: `/${teamSlug}` },
          { label: app.name, href: appPath },
        ]}
      />
      <ProjectTabs base={`${appPath}/projects/${project.id}`} />
    </>
  );
}
