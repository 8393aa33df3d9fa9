import { Skeleton } from "@/components/ui/skeleton";

// Shown while a console page loads on the server: the shape of a page, not a spinner. Each
// loading.tsx that shows it sits below the layouts that check the ids in the URL, so that an
// unknown id answers HTTP 404 before anything streams (a loading.tsx above a check would
// start the response with 200).
export function PageSkeleton() {
  return (
    <div role="status" aria-busy="true" className="flex flex-col gap-6">
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-24 w-full" />
      <div className="grid gap-2">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </div>
  );
}
