"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/**
 * Ends this browser's session (the server forgets it, and the cookie goes), then goes to
 * `destination`: the sign-in page, or the local demo provider's sign-out first.
 */
export async function endBrowserSession(destination: string): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(destination);
}

export function SignOutButton({ destination = "/sign-in" }: { destination?: string }) {
  return (
    <Button type="button" variant="outline" size="sm" onClick={() => void endBrowserSession(destination)}>
      Sign out
    </Button>
  );
}
