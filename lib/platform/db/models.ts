// The schema's model types, the same in both providers' clients, and Prisma's SQL template tag:
// the one door to the generated clients for code outside lib/platform/db (test/architecture.test.ts).
export type {
  ApiKey,
  App,
  AppApiKey,
  Environment,
  Invite,
  Project,
  Team,
  User,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookMessage,
  WebhookSigningSecret,
} from "./generated/sqlite/client";
export { Prisma } from "./generated/sqlite/client";
