import type { ActionError } from "@/lib/http/actions/result";
import { ActionFailure } from "./action";

/** react-query keys, rooted at the team so that one invalidation can reach a whole team. */
export const consoleKeys = {
  all: (team: string) => ["team", team] as const,
  projectKeys: (team: string, projectId: string) => [...consoleKeys.all(team), "project", projectId, "keys"] as const,
  projectKeysPage: (team: string, projectId: string, query: Record<string, string | number>) =>
    [...consoleKeys.projectKeys(team, projectId), query] as const,
  usage: (team: string, target: string, window: string) => [...consoleKeys.all(team), "usage", target, window] as const,
  deliveries: (team: string, projectId: string) => [...consoleKeys.all(team), "project", projectId, "deliveries"] as const,
};

/** GETs one of the console's JSON reads; its error shape becomes an ActionFailure. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || body === null) {
    const error = (body as { error?: ActionError } | null)?.error;
    throw new ActionFailure(error ?? { code: "internal_error", message: `The server answered ${response.status}.` });
  }
  return body as T;
}
