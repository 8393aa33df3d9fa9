"use client";

import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/console/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { VERIFIED_KEY_VARIABLE, VERIFIER_KEY_VARIABLE, verifySnippets } from "@/lib/domain/keys/verify-snippets";

const noSubscription = () => () => {};

/** "Verify this key": the SDK's, curl, Python and Go samples for this key's project, with placeholders for both secrets. */
export function VerifyPanel({ projectId, scopes }: { projectId: string; scopes: string[] }) {
  // The console's own address is where the API is; the server render shows a placeholder until then.
  const baseUrl = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "https://latchkey.example.com",
  );
  const snippets = verifySnippets({ baseUrl, projectId, scopes });
  return (
    <div className="grid min-w-0 gap-3 [&>*]:min-w-0">
      <p className="text-sm text-muted-foreground">
        Your backend sends each incoming key to Latchkey. Set <code className="font-mono text-xs">{VERIFIER_KEY_VARIABLE}</code> to an app
        key with the <strong>verifier</strong> role (create one on the app page);{" "}
        <code className="font-mono text-xs">{VERIFIED_KEY_VARIABLE}</code> is the key your caller sent. Neither is shown here. The SDK
        answers repeated checks in memory and refuses a revoked key within a second.
      </p>
      <Tabs defaultValue="sdk" className="min-w-0">
        <TabsList aria-label="Language" className="h-auto flex-wrap justify-start">
          {snippets.map((s) => (
            <TabsTrigger key={s.id} value={s.id}>
              {s.label}
            </TabsTrigger>
          ))}
        </TabsList>
        {snippets.map((s) => (
          <TabsContent key={s.id} value={s.id} className="min-w-0">
            <div className="relative min-w-0 rounded-md border border-border bg-muted/50">
              <div className="absolute top-1.5 right-1.5">
                <CopyButton value={s.code} label={`Copy the ${s.label} sample`} showText className="bg-background/80" />
              </div>
              <pre
                data-testid={`verify-snippet-${s.id}`}
                tabIndex={0}
                aria-label={`${s.label} sample`}
                className="max-h-96 max-w-full overflow-auto p-3 pt-11 font-mono text-xs leading-relaxed"
              >
                <code>{s.code}</code>
              </pre>
            </div>
          </TabsContent>
        ))}
      </Tabs>
    </div>
  );
}
