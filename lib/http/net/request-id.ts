import { randomBytes } from "node:crypto";

// Every request has an id: the one the client or a proxy in front sent in X-Request-Id when it
// is a plain token, or a new one. The front thread decides it once and hands it on to Next in
// the same header; error bodies and log lines carry it as `request_id`.

export const REQUEST_ID_HEADER = "x-request-id";
const PLAIN = /^[A-Za-z0-9._:-]{8,64}$/;

export function newRequestId(): string {
  return `req_${randomBytes(12).toString("base64url")}`;
}

/** The id a request came with, if it is a plain token (no log injection, no unbounded length), else a new one. */
export function requestIdFrom(value: string | string[] | null | undefined): string {
  const sent = Array.isArray(value) ? value[0] : value;
  return sent && PLAIN.test(sent) ? sent : newRequestId();
}
