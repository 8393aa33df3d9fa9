"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { toast } from "@/components/ui/toast";

/**
 * Copies a value that is safe to show (an id, a snippet without secrets) to the clipboard.
 * `label` names what is copied ("Copy key ID"); the button says "Copied" for a moment after.
 */
export function CopyButton({
  value,
  label,
  className,
  showText = false,
}: {
  value: string;
  label: string;
  className?: string;
  showText?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      toast({ title: "Copying was blocked", description: "Select the text and copy it by hand.", variant: "destructive" });
    }
  }

  return (
    <Button
      type="button"
      variant="ghost"
      size={showText ? "sm" : "icon"}
      onClick={copy}
      aria-label={copied ? `Copied: ${label.replace(/^Copy /, "")}` : label}
      title={label}
      className={cn(showText ? "" : "size-7 text-muted-foreground hover:text-foreground", className)}
    >
      {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      {showText ? <span>{copied ? "Copied" : "Copy"}</span> : null}
    </Button>
  );
}

/** An id in monospace with a copy button beside it. */
export function CopyableId({ id, label, className }: { id: string; label: string; className?: string }) {
  return (
    <span className={cn("inline-flex max-w-full min-w-0 items-center gap-1", className)}>
      <span className="min-w-0 font-mono text-xs break-all">{id}</span>
      <CopyButton value={id} label={label} />
    </span>
  );
}
