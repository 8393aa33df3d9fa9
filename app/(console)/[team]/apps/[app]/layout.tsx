import type { ReactNode } from "react";
import { requireApp } from "@/lib/http/auth/session";

// Checks the app in the URL before any of its pages stream: another team's app, or none, is a 404.
export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ team: string; app: string }> }) {
  const { team, app } = await params;
  await requireApp(team, app);
  return children;
}
