import "server-only";
import type { z } from "zod";
import { type AnyOperation, OPERATIONS, OPERATION_LIST, type OperationName } from "../../domain/catalogue";
import type { Download } from "../../domain/operation";
import { actionCaller } from "./caller";
import { type ActionResult, resultResponse } from "./result";
import { runAppAction, runTeamAction, type TeamActionCaller } from "./team-action";
import { runUserAction } from "./user-action";

// The console's side of the operation catalogue (lib/domain/catalogue.ts): a server action is
// `runOperation(caller, name, input)`, and a console read is `consoleRoute(path)`. Each runs the
// entry for its tenant: the person (signed in, within its attempt limit), a team (member, with
// the permission), or an app (of the caller's team). Every failure comes back as a value.

type Entry<N extends OperationName> = (typeof OPERATIONS)[N];
/** What the console gets from an operation: what its service call returned. */
export type ConsoleResult<N extends OperationName> = Awaited<ReturnType<Entry<N>["run"]>>;

/** What a form sends to an operation's action: the input schema's input type, so that forms type-check. */
export type ActionInput<N extends OperationName> = z.input<Entry<N>["input"]>;

function run(caller: TeamActionCaller, operation: AnyOperation, raw: unknown): Promise<ActionResult<unknown>> {
  const binding = operation.console;
  if (!binding) throw new Error("This operation is not served to the console.");
  switch (operation.tenant) {
    case "user":
      return runUserAction(caller, binding.limit, operation.input, raw, (scope, input) => operation.run(scope as never, input));
    case "team":
      return runTeamAction(caller, binding.permission!, operation.input, raw, (scope, input) => operation.run(scope as never, input));
    case "app":
      return runAppAction(caller, binding.permission!, operation.input as z.ZodType<{ app_id: string }>, raw, (scope, input) =>
        operation.run(scope as never, input),
      );
  }
}

/** Runs one operation of the catalogue for a console caller. */
export function runOperation<N extends OperationName>(
  caller: TeamActionCaller,
  name: N,
  input: unknown,
): Promise<ActionResult<ConsoleResult<N>>> {
  return run(caller, OPERATIONS[name] as unknown as AnyOperation, input) as Promise<ActionResult<ConsoleResult<N>>>;
}

/** The server action of an operation: the signed-in caller, for the team in the URL. */
export async function consoleAction<N extends OperationName>(teamSlug: string, name: N, input: ActionInput<N>) {
  return runOperation(await actionCaller(teamSlug), name, input);
}

/** Text chunks as a byte stream, pulled one at a time, so that a slow reader holds back the reads. */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

type RouteContext = { params: Promise<Record<string, string>> };

/**
 * The GET handler of a console read (a page of a table, a download), from the entry whose
 * `console.route.path` is this route's path: the URL's segments and query make its input.
 */
export function consoleRoute(path: string) {
  const operation = OPERATION_LIST.find((entry) => entry.console?.route?.path === path);
  const route = operation?.console?.route;
  if (!operation || !route) throw new Error(`No operation is served at ${path}.`);
  return async function GET(request: Request, context: RouteContext): Promise<Response> {
    const params = await context.params;
    const search = Object.fromEntries(new URL(request.url).searchParams);
    const result = await run(await actionCaller(params.team ?? ""), operation, route.input({ params, search }));
    if (!route.download || !result.ok) return resultResponse(result);
    const file = result.data as Download;
    return new Response(typeof file.body === "string" ? file.body : streamOf(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  };
}
