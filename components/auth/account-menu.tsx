"use client";

import { ChevronDown } from "lucide-react";
import { useState } from "react";
import { signOutEverywhereAction } from "@/app/(auth)/actions";
import { errorSentence, unwrap } from "@/components/console/action";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toast";
import { endBrowserSession } from "./sign-out-button";

/** The signed-in person: who they are, and "sign out of every session" (a lost laptop, a shared computer). */
export function AccountMenu({ email, destination }: { email: string | null; destination: string }) {
  const [busy, setBusy] = useState(false);
  const everywhere = async () => {
    setBusy(true);
    try {
      await unwrap(signOutEverywhereAction());
      await endBrowserSession(destination);
    } catch (error) {
      setBusy(false);
      toast({ title: "That did not work", description: errorSentence(error), variant: "destructive" });
    }
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Account${email ? `: ${email}` : ""}`} className="max-w-64 text-muted-foreground">
          <span className="hidden truncate md:inline">{email ?? "Account"}</span>
          <span className="md:hidden">Account</span>
          <ChevronDown aria-hidden className="size-4 opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        {email ? <DropdownMenuLabel className="truncate font-normal text-muted-foreground">{email}</DropdownMenuLabel> : null}
        {email ? <DropdownMenuSeparator /> : null}
        <DropdownMenuItem disabled={busy} onSelect={() => void everywhere()}>
          Sign out of every session
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
