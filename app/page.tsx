// The console arrives with sign-in; until then the home page points operators at the API.
export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Latchkey</h1>
      <p className="text-muted-foreground">
        Issue, scope, rotate, revoke and verify API keys. The REST API is served under <code className="font-mono">/v1</code>.
      </p>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          <a className="underline underline-offset-4" href="/v1/openapi.json">
            OpenAPI 3.1 document
          </a>
        </li>
        <li>
          Create a team, an app and an admin key from the shell: <code className="font-mono">npx latchkey bootstrap --team Acme --app Web --project API --json</code>
        </li>
      </ul>
    </main>
  );
}
