"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { Button } from "@/components/ui/button";

/** "Back to apps" for the team in the address (a not-found page gets no params of its own). */
export function TeamHomeLink() {
  const { team } = useParams<{ team: string }>();
  return (
    <Button asChild>
      <Link href={`/${team}`}>Back to apps</Link>
    </Button>
  );
}
