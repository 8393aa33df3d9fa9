import type { ReactNode } from "react";
import { requireProject } from "@/lib/http/auth/session";

// Checks the project in the URL before its pages' loading skeleton streams: another app's
// project, or none, is a 404.
export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ team: string; app: string; project: string }>;
}) {
  const { team, app, project } = await params;
  await requireProject(team, app, project);
  return children;
}
