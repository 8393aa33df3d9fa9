import type { ReactNode } from "react";
import { requireKey } from "@/lib/http/auth/session";

// Checks the key in the URL before its page's loading skeleton streams: another app's key, or
// none, is a 404.
export default async function KeyLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ team: string; app: string; key: string }>;
}) {
  const { team, app, key } = await params;
  await requireKey(team, app, key);
  return children;
}
