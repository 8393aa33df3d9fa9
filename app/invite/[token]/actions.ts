"use server";

import { type ActionInput, consoleAction } from "@/lib/http/actions/run-operation";

// Accepting an invite is the person's own operation (lib/domain/teams/operations.ts): signed in,
// and a few attempts per ten minutes, so that tokens cannot be probed.
export async function acceptInviteAction(input: ActionInput<"acceptInvite">) {
  return consoleAction("", "acceptInvite", input);
}
