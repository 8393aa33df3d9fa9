import type { z } from "zod";
import type { FieldIssue } from "../errors";
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
  return Buffer.concat(chunks).toString("utf8");
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
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error.issues, "query");
  return result.data;
}
