"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createInviteAction } from "../../actions";

export function InviteForm({ teamSlug }: { teamSlug: string }) {
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(formData: FormData) {
    const email = String(formData.get("email") ?? "").trim();
    startTransition(async () => {
      const result = await createInviteAction(teamSlug, { role: formData.get("role"), ...(email ? { email } : {}) });
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setLink(`${window.location.origin}${result.data.path}`);
      router.refresh();
    });
  }

  return (
    <form action={submit} className="flex flex-col gap-3 rounded-md border border-border p-4">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Email (optional)</span>
          <input name="email" type="email" placeholder="teammate@example.com" className="rounded-md border border-border px-3 py-1.5" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Role</span>
          <select name="role" defaultValue="developer" className="rounded-md border border-border px-3 py-1.5">
            <option value="viewer">viewer</option>
            <option value="developer">developer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground disabled:opacity-60">
          Create invite link
        </button>
      </div>
      {link ? (
        <p className="text-sm">
          Invite link (shown once, valid 7 days): <code data-testid="invite-link" className="break-all font-mono">{link}</code>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
