"use client";

import { signIn } from "next-auth/react";

export function SignInButton({ providerId, label, callbackUrl }: { providerId: string; label: string; callbackUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => void signIn(providerId, { callbackUrl })}
      className="w-full rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary"
    >
      Sign in with {label}
    </button>
  );
}
