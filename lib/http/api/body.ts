import type { z } from "zod";
import type { FieldIssue } from "../../core/errors";
import { unstorableText } from "../../core/schemas";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a body up to MAX_BODY_BYTES. Content-Length can be absent (chunked) or wrong, so the
 * stream is capped as it is read. Web streams and node:http requests are both async iterables.
 */
export async function readCappedText(source: AsyncIterable<Uint8Array> | null, declaredLength: string | null): Promise<string> {
  if (Number(declaredLength ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  if (!source) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return decodeUtf8(Buffer.concat(chunks));
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A body as text. Bytes that are not UTF-8 are refused rather than replaced with U+FFFD, which
 * would store something other than what the client sent.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid UTF-8.");
  }
}

/**
 * The first string, or object key, that no database could store as sent: its path (`scopes.2`)
 * and why; null when there is none. Iterative: a body may nest thousands of levels deep.
 */
function unstorableAt(root: unknown): FieldIssue | null {
  const pending: [value: unknown, path: string][] = [[root, ""]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === "string") {
      const message = unstorableText(value);
      if (message) return { field: path || "body", message };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const entries = Object.entries(value);
    for (const [key] of entries) {
      const message = unstorableText(key);
      if (message) return { field: path ? `${path}.${key}` : key, message };
    }
    // Pushed last to first, so that the first field is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) pending.push([entries[i]![1], path ? `${path}.${entries[i]![0]}` : entries[i]![0]]);
  }
  return null;
}

export function tooLarge(): ApiError {
  return new ApiError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
}

export function issuesToDetails(issues: z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: prefix ? `${prefix}.${key}` : key, message: "is not a known field" }));
    }
    return [{ field: prefix || "body", message: issue.message }];
  });
}

export function validationError(issues: z.core.$ZodIssue[], what = "body"): ApiError {
  const details = issuesToDetails(issues);
  const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
  return new ApiError("invalid_request", `The request ${what} is invalid. ${summary}`, details);
}

/** Reads and validates a JSON body from a web Request. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await readCappedText(request.body as AsyncIterable<Uint8Array> | null, request.headers.get("content-length"));
  return parseJsonText(text, request.headers.get("content-type"), schema);
}

/**
 * Validates a JSON body. An empty body counts as `{}`, so that operations whose fields are
 * all optional (rotate) accept a bare POST.
 */
export function parseJsonText<S extends z.ZodType>(text: string, contentType: string | null, schema: S): z.output<S> {
  const blank = text.trim() === "";
  if (!blank || contentType) {
    const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "application/json") {
      throw new ApiError("unsupported_media_type", "Send the request body as JSON with Content-Type: application/json.");
    }
  }
  let value: unknown = {};
  if (!blank) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "The request body is not valid JSON.");
    }
    // JSON may spell half a surrogate pair ("\ud800") or NUL, which the databases cannot both store: refused in any field.
    const issue = unstorableAt(value);
    if (issue) throw new ApiError("invalid_request", `The request body is invalid. ${issue.field}: ${issue.message}`, [issue]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

/** Refuses a query parameter whose percent-encoding is not UTF-8 (`%ff`, `%`), which URLSearchParams would read as U+FFFD. */
function assertQueryEncoding(search: string): void {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const [name = "", value = ""] = pair.split(/=(.*)/s);
    const decoded = decodeComponent(name);
    if (decoded === null || decodeComponent(value) === null) {
      const field = decoded ?? "query";
      const message = "is not valid percent-encoded UTF-8";
      throw new ApiError("invalid_request", `The request query is invalid. ${field}: ${message}`, [{ field, message }]);
    }
  }
}

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const url = new URL(request.url);
  assertQueryEncoding(url.search);
  const params = Object.fromEntries(url.searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error.issues, "query");
  return result.data;
}
