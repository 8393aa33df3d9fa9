import "server-only";
import { appKeyOperations } from "./app-keys/operations";
import { appOperations } from "./apps/operations";
import { auditOperations } from "./audit/operations";
import { keyOperations } from "./keys/operations";
import type { Operation } from "./operation";
import { projectOperations } from "./projects/operations";
import { teamOperations } from "./teams/operations";
import { webhookOperations } from "./webhooks/operations";

// Every operation of Latchkey, by name: each concept's entries (lib/domain/<concept>/operations.ts).
// The /v1 routes, the console's actions and reads, the OpenAPI document and the permission tests
// are all derived from this one object. A new operation is one entry here plus its service call.

export const OPERATIONS = {
  ...appKeyOperations,
  ...appOperations,
  ...auditOperations,
  ...keyOperations,
  ...projectOperations,
  ...teamOperations,
  ...webhookOperations,
};

export type OperationName = keyof typeof OPERATIONS;
export type AnyOperation = Operation<"user" | "team" | "app", import("zod").ZodType, unknown, import("zod").ZodType, import("zod").ZodType>;

/** The entries as a list, typed loosely, for the adapters that walk them. */
export const OPERATION_LIST = Object.entries(OPERATIONS).map(([name, operation]) => ({ name, ...(operation as unknown as AnyOperation) }));
