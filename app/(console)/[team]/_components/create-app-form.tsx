"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createAppAction } from "../actions";

export function CreateAppForm({ teamSlug }: { teamSlug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(formData: FormData) {
    startTransition(async () => {
      const result = await createAppAction(teamSlug, { name: String(formData.get("name") ?? "") });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      router.refresh();
    });
  }

  return (
    <form action={submit} className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">New app</span>
        <input
          name="name"
          required
          maxLength={200}
          placeholder="Acme Web"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "create-app-error" : undefined}
          className="rounded-md border border-border px-3 py-1.5 focus-visible:outline-2 focus-visible:outline-primary"
        />
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground disabled:opacity-60">
        {pending ? "Creating…" : "Create app"}
      </button>
      {error ? (
        <p id="create-app-error" role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
