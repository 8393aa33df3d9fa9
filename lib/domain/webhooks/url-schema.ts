import { textSchema } from "../../core/schemas";

/** Parses as an absolute http(s) URL with a host, and has no whitespace or control characters (which URL parsing would quietly encode). */
function isHttpUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

// The shape only. Whether this server may send to the URL (https, loopback, private ranges)
// depends on its policy, and lib/domain/webhooks/url-guard.ts says why when it may not.
export const webhookUrlSchema = textSchema()
  .max(2048, { message: "must be at most 2048 characters", abort: true })
  .refine(isHttpUrl, "must be an absolute http or https URL, such as https://hooks.example.com/latchkey");
