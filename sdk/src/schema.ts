// Generated from sdk/openapi.json by openapi-typescript (npm run build in sdk/): do not edit.
export interface paths {
    "/v1/apps/{app_id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
            };
            cookie?: never;
        };
        /**
         * List API keys
         * @description Pages: at most `limit` items (default 100, at most 1,000), in a stable order of (created_at, id). The next page is `cursor=<next_cursor>` (also in the `Link` header, rel="next"), or `starting_after=<id of the last item>`; a walk returns every item that existed throughout it exactly once.
         */
        get: operations["listAppApiKeys"];
        put?: never;
        /** Create API key */
        post: operations["createAppApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apps/{app_id}/api-keys/{api_key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
                /** @description API key ID */
                api_key_id: string;
            };
            cookie?: never;
        };
        /** Get API key */
        get: operations["getAppApiKey"];
        put?: never;
        post?: never;
        /** Delete API key */
        delete: operations["deleteAppApiKey"];
        options?: never;
        head?: never;
        /** Update API key */
        patch: operations["updateAppApiKey"];
        trace?: never;
    };
    "/v1/apps/{app_id}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
            };
            cookie?: never;
        };
        /**
         * List audit events
         * @description Pages: at most `limit` items (default 100, at most 1,000), in a stable order of (created_at, id). The next page is `cursor=<next_cursor>` (also in the `Link` header, rel="next"), or `starting_after=<id of the last item>`; a walk returns every item that existed throughout it exactly once.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Pages: at most `limit` items (default 100, at most 1,000), in a stable order of (created_at, id). The next page is `cursor=<next_cursor>` (also in the `Link` header, rel="next"), or `starting_after=<id of the last item>`; a walk returns every item that existed throughout it exactly once.
         */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyID}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        /** Get an API key */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        /** Update an API key */
        patch: operations["updateApiKey"];
        trace?: never;
    };
    "/v1/api-keys/bulk-revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke many API keys at once
         * @description Give exactly one of `ids` (up to 1,000 keys of the project) or `owner_id` (its live keys, 1,000 a call: call again while `has_more`). All are revoked in one transaction, or none: an id that is not a key of the project answers 404. Keys already revoked are left as they are.
         */
        post: operations["bulkRevokeApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyID}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate an API key with optional grace period */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyID}/credits": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set, add to or take from an API key's credits */
        post: operations["changeApiKeyCredits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyID}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        /** Verifications of an API key over time, by outcome */
        get: operations["getApiKeyUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report verifications an SDK answered from its cache
         * @description @latchkey/sdk sends these every few seconds, so that a key's usage chart and last_used_at count the verifications its cache answered. Each entry's counts go to the hour of its last_verified_at (within the last day); keys of another app are not counted and are named back.
         */
        post: operations["reportKeyUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project_id}/key-policy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        /** Get a project's key policy */
        get: operations["getKeyPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a project's key policy
         * @description Defaults for new keys and limits every new or rotated key must keep. Existing keys are not changed. null clears a setting.
         */
        patch: operations["updateKeyPolicy"];
        trace?: never;
    };
    "/v1/projects/{project_id}/webhook-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create or rotate a project's webhook signing secret
         * @description The new whsec_ secret is answered only here, once. After a rotation the previous secret signs beside it for a day.
         */
        post: operations["rotateWebhookSigningSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project_id}/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List a project's webhook deliveries
         * @description Pages: at most `limit` items (default 100, at most 1,000), in a stable order of (created_at, id). The next page is `cursor=<next_cursor>` (also in the `Link` header, rel="next"), or `starting_after=<id of the last item>`; a walk returns every item that existed throughout it exactly once.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project_id}/webhook-deliveries/{message_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
                /** @description Webhook message ID (the webhook-id header) */
                message_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeliver a webhook message now
         * @description One more attempt, now, recorded in the log. An api_key.rotated message can be redelivered only while its new key is held (409 after).
         */
        post: operations["redeliverWebhookMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project_id}/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List a project's webhook endpoints
         * @description Pages: at most `limit` items (default 100, at most 1,000), in a stable order of (created_at, id). The next page is `cursor=<next_cursor>` (also in the `Link` header, rel="next"), or `starting_after=<id of the last item>`; a walk returns every item that existed throughout it exactly once.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add a webhook endpoint to a project
         * @description Every event of the project's keys that the endpoint subscribes to is sent to it, signed with the project's signing secret (Standard Webhooks), with the outbox's retries and delivery log and the same rules for where it may send. No event carries a secret: a rotation's new key goes only to the key's own rotation_webhook_url. At most 20 endpoints a project.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{project_id}/webhook-endpoints/{endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
                /** @description Webhook endpoint ID */
                endpoint_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a project's webhook endpoint */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an API key */
        post: operations["verifyApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream changes to the app's keys (Server-Sent Events)
         * @description Every change to the caller's app's project keys and app keys, as Server-Sent Events: `id: <sequence>` and `data: {"key_id", "change"}` (created, updated, rotated, revoked, deleted). `event: heartbeat` at least every 250 ms while the server knows of every change, so that a silent stream means a cache must stop trusting itself. Reconnect with `Last-Event-ID` to get what was missed; `event: reset` when the log no longer reaches back that far, or when every key changed. Never carries a secret or a hash. App keys of either role may listen.
         */
        get: operations["streamKeyChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report leaked API keys
         * @description No authentication. Each string that passes a Latchkey key's checksum and is a live project key gets an `api_key.leaked` event and an audit row, and its project's `on_leak` policy: `disable` (the default), `revoke` or `notify`. Always 202 with how many strings were received, so a report never tells whether a key exists. 20 reports a minute per client address.
         */
        post: operations["reportLeakedKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AppApiKeyList: {
            api_keys: {
                /** Format: date-time */
                created_at: string;
                id: string;
                key_prefix: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "verifier";
            }[];
        };
        AppApiKeyEnvelope: {
            api_key: {
                /** Format: date-time */
                created_at: string;
                id: string;
                key_prefix: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "verifier";
            };
        };
        CreatedAppApiKeyEnvelope: {
            api_key: {
                /** Format: date-time */
                created_at: string;
                id: string;
                key_prefix: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "verifier";
                /** @description The plaintext key. It is returned only here, once. */
                plaintext_key: string;
            };
        };
        CreateAppApiKeyRequest: {
            name: string;
            /**
             * @default admin
             * @enum {string}
             */
            role: "admin" | "verifier";
        };
        UpdateAppApiKeyRequest: {
            name: string;
        };
        ApiKey: {
            id: string;
            project_id: string;
            name: string;
            key_prefix: string;
            scopes: string[];
            expires_at: string | null;
            last_used_at: string | null;
            /** Format: date-time */
            created_at: string;
            revoked_at: string | null;
            replaced_by_key_id: string | null;
            grace_expires_at: string | null;
            environment_id: string;
            rotation_interval_days: number | null;
            next_rotation_at: string | null;
            rotation_webhook_url: string | null;
            rotation_grace_period_seconds: number | null;
            enabled: boolean;
            disabled_at: string | null;
            /** @description Why the key is disabled: by a person or app key, unused for the project's disable_after_unused_days, or reported leaked. */
            disabled_reason: ("manual" | "stale" | "leaked") | null;
            owner_id: string | null;
            meta: {
                [key: string]: unknown;
            } | null;
            ip_allowlist: string[];
            last_used_ip: string | null;
            last_used_user_agent: string | null;
            rate_limits: {
                name: string;
                limit: number;
                window_seconds: number;
            }[];
            /** @description The key's credits (uses left), or null: unlimited. remaining may lag verifications by up to a second. */
            credits: {
                remaining: number;
                refill: {
                    amount: number;
                    /** @enum {string} */
                    interval: "daily" | "monthly";
                } | null;
                next_refill_at: string | null;
            } | null;
            /**
             * @description generated: issued by Latchkey. imported: brought in from another key service (`latchkey import`).
             * @enum {string}
             */
            source: "generated" | "imported";
        };
        ApiKeyList: {
            id: string;
            project_id: string;
            name: string;
            key_prefix: string;
            scopes: string[];
            expires_at: string | null;
            last_used_at: string | null;
            /** Format: date-time */
            created_at: string;
            revoked_at: string | null;
            replaced_by_key_id: string | null;
            grace_expires_at: string | null;
            environment_id: string;
            rotation_interval_days: number | null;
            next_rotation_at: string | null;
            rotation_webhook_url: string | null;
            rotation_grace_period_seconds: number | null;
            enabled: boolean;
            disabled_at: string | null;
            /** @description Why the key is disabled: by a person or app key, unused for the project's disable_after_unused_days, or reported leaked. */
            disabled_reason: ("manual" | "stale" | "leaked") | null;
            owner_id: string | null;
            meta: {
                [key: string]: unknown;
            } | null;
            ip_allowlist: string[];
            last_used_ip: string | null;
            last_used_user_agent: string | null;
            rate_limits: {
                name: string;
                limit: number;
                window_seconds: number;
            }[];
            /** @description The key's credits (uses left), or null: unlimited. remaining may lag verifications by up to a second. */
            credits: {
                remaining: number;
                refill: {
                    amount: number;
                    /** @enum {string} */
                    interval: "daily" | "monthly";
                } | null;
                next_refill_at: string | null;
            } | null;
            /**
             * @description generated: issued by Latchkey. imported: brought in from another key service (`latchkey import`).
             * @enum {string}
             */
            source: "generated" | "imported";
        }[];
        CreatedApiKey: {
            id: string;
            project_id: string;
            name: string;
            key_prefix: string;
            scopes: string[];
            expires_at: string | null;
            last_used_at: string | null;
            /** Format: date-time */
            created_at: string;
            revoked_at: string | null;
            replaced_by_key_id: string | null;
            grace_expires_at: string | null;
            environment_id: string;
            rotation_interval_days: number | null;
            next_rotation_at: string | null;
            rotation_webhook_url: string | null;
            rotation_grace_period_seconds: number | null;
            enabled: boolean;
            disabled_at: string | null;
            /** @description Why the key is disabled: by a person or app key, unused for the project's disable_after_unused_days, or reported leaked. */
            disabled_reason: ("manual" | "stale" | "leaked") | null;
            owner_id: string | null;
            meta: {
                [key: string]: unknown;
            } | null;
            ip_allowlist: string[];
            last_used_ip: string | null;
            last_used_user_agent: string | null;
            rate_limits: {
                name: string;
                limit: number;
                window_seconds: number;
            }[];
            /** @description The key's credits (uses left), or null: unlimited. remaining may lag verifications by up to a second. */
            credits: {
                remaining: number;
                refill: {
                    amount: number;
                    /** @enum {string} */
                    interval: "daily" | "monthly";
                } | null;
                next_refill_at: string | null;
            } | null;
            /**
             * @description generated: issued by Latchkey. imported: brought in from another key service (`latchkey import`).
             * @enum {string}
             */
            source: "generated" | "imported";
            /** @description The plaintext key. It is returned only here, once. */
            key: string;
        };
        RotatedApiKey: {
            old_key_id: string;
            new_key_id: string;
            project_id: string;
            name: string;
            /** @description The new plaintext key. It is returned only here, once. */
            key: string;
            key_prefix: string;
            scopes: string[];
            expires_at: string | null;
            /** Format: date-time */
            created_at: string;
            grace_expires_at: string | null;
        };
        CreateApiKeyRequest: {
            project_id: string;
            name: string;
            scopes?: string[];
            expires_at?: string | null;
            environment_id?: string;
            rotation_interval_days?: number | null;
            rotation_webhook_url?: string | null;
            rotation_grace_period_seconds?: number | null;
            rate_limits?: {
                name: string;
                limit: number;
                window_seconds: number;
            }[];
            credits?: {
                remaining: number;
                refill?: {
                    amount: number;
                    /** @enum {string} */
                    interval: "daily" | "monthly";
                };
            } | null;
            enabled?: boolean;
            owner_id?: string | null;
            meta?: {
                [key: string]: unknown;
            } | null;
            ip_allowlist?: string[];
        };
        UpdateApiKeyRequest: {
            name?: string;
            scopes?: string[];
            expires_at?: string | null;
            rotation_interval_days?: number | null;
            rotation_webhook_url?: string | null;
            rotation_grace_period_seconds?: number | null;
            rate_limits?: {
                name: string;
                limit: number;
                window_seconds: number;
            }[];
            credits?: {
                remaining: number;
                refill?: {
                    amount: number;
                    /** @enum {string} */
                    interval: "daily" | "monthly";
                };
            } | null;
            enabled?: boolean;
            owner_id?: string | null;
            meta?: {
                [key: string]: unknown;
            } | null;
            ip_allowlist?: string[];
        };
        RotateApiKeyRequest: {
            grace_period_seconds?: number;
        };
        VerifyApiKeyRequest: {
            key: string;
            scopes?: string[];
            ip?: string;
            user_agent?: string;
            cost?: number;
        };
        VerifyResult: {
            valid: boolean;
            /** @enum {string} */
            code: "VALID" | "NOT_FOUND" | "MALFORMED" | "REVOKED" | "EXPIRED" | "DISABLED" | "FORBIDDEN" | "INSUFFICIENT_SCOPES" | "RATE_LIMITED" | "USAGE_EXCEEDED";
            key_id: string | null;
            project_id: string | null;
            environment_id: string | null;
            scopes: string[];
            expires_at: string | null;
            grace_expires_at: string | null;
            owner_id: string | null;
            meta: {
                [key: string]: unknown;
            } | null;
            /** @description The key's rate limits after this verification: what is left in the current window, and when it ends. */
            rate_limits: {
                name: string;
                limit: number;
                remaining: number;
                /** Format: date-time */
                reset_at: string;
            }[];
            /** @description The key's credits left after this verification; null for a key without credits. */
            credits_remaining: number | null;
        };
        LeakReport: {
            keys: string[];
            /** @description Where the keys were found. */
            source_url?: string;
        };
        LeakReceived: {
            /** @description How many strings the report held, found or not. */
            received: number;
        };
        KeyUsage: {
            key_id: string;
            /** @enum {string} */
            window: "24h" | "7d" | "30d";
            /** @enum {string} */
            granularity: "hour" | "day";
            buckets: {
                valid: number;
                revoked: number;
                expired: number;
                disabled: number;
                forbidden: number;
                insufficient_scopes: number;
                rate_limited: number;
                usage_exceeded: number;
                /** Format: date-time */
                start: string;
            }[];
            totals: {
                valid: number;
                revoked: number;
                expired: number;
                disabled: number;
                forbidden: number;
                insufficient_scopes: number;
                rate_limited: number;
                usage_exceeded: number;
            };
        };
        AuditEventPage: {
            audit_events: {
                id: string;
                action: string;
                actor: {
                    /** @enum {string} */
                    type: "user" | "app_key" | "system";
                    id: string;
                };
                target: {
                    type: string;
                    id: string;
                };
                metadata: {
                    [key: string]: unknown;
                };
                ip_address: string | null;
                user_agent: string | null;
                /** Format: date-time */
                created_at: string;
            }[];
            /** @description Pass as `cursor` for the next, older page; null on the last page. */
            next_cursor: string | null;
        };
        KeyPolicy: {
            project_id: string;
            /** @description The rotation interval new keys get when they do not ask for one. */
            default_rotation_interval_days: number | null;
            /** @description How long an old key keeps working when the scheduler rotates it, unless the key sets its own. */
            default_grace_period_seconds: number | null;
            /** @description Keys must expire within this many days of their creation. */
            max_key_lifetime_days: number | null;
            /** @description The scheduler disables a key unused this many days (or, never used, since it was created or last enabled), after an api_key.stale_warning 7 days before. */
            disable_after_unused_days: number | null;
            /**
             * @description What POST /v1/leaks does to a leaked key of this project: disable it, revoke it, or only notify.
             * @enum {string}
             */
            on_leak: "disable" | "revoke" | "notify";
            environments: {
                id: string;
                name: string;
                /** @description Every key created in this environment must have an expiry. */
                require_expiry: boolean;
            }[];
        };
        UpdateKeyPolicyRequest: {
            default_rotation_interval_days?: number | null;
            default_grace_period_seconds?: number | null;
            max_key_lifetime_days?: number | null;
            disable_after_unused_days?: number | null;
            /** @enum {string} */
            on_leak?: "disable" | "revoke" | "notify";
            environments?: {
                id: string;
                require_expiry: boolean;
            }[];
        };
        RotatedSigningSecret: {
            project_id: string;
            /** @description The new whsec_ signing secret. It is returned only here, once. */
            secret: string;
            /** @description Until then, messages are signed with the previous secret too. */
            previous_secret_expires_at: string | null;
        };
        WebhookDelivery: {
            /** @description The message id, sent as the webhook-id header. */
            id: string;
            event_type: string;
            key_id: string;
            url: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempt_count: number;
            /** @description When the next automatic attempt is due; null once the message succeeded or failed. */
            next_attempt_at: string | null;
            delivered_at: string | null;
            last_error: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description Whether the message can still be sent again: an api_key.rotated message only while its new key is held. */
            redeliverable: boolean;
            /** @description The event as stored. A rotation's new key is never part of it. */
            payload: {
                [key: string]: unknown;
            };
            /** @description Every attempt, oldest first. */
            attempts: {
                id: string;
                /** @description 1 for the first attempt at this message. */
                attempt: number;
                /** Format: date-time */
                started_at: string;
                /** @enum {string} */
                outcome: "succeeded" | "failed";
                /** @description The receiver's HTTP status; null when no response came (timeout, refused target, network error). */
                status_code: number | null;
                latency_ms: number;
                /** @description The start of the response body, cut short. */
                response_excerpt: string | null;
                error: string | null;
            }[];
        };
        WebhookDeliveryPage: {
            /** @description Newest first. */
            deliveries: {
                /** @description The message id, sent as the webhook-id header. */
                id: string;
                event_type: string;
                key_id: string;
                url: string;
                /** @enum {string} */
                status: "pending" | "succeeded" | "failed";
                attempt_count: number;
                /** @description When the next automatic attempt is due; null once the message succeeded or failed. */
                next_attempt_at: string | null;
                delivered_at: string | null;
                last_error: string | null;
                /** Format: date-time */
                created_at: string;
                /** @description Whether the message can still be sent again: an api_key.rotated message only while its new key is held. */
                redeliverable: boolean;
                /** @description The event as stored. A rotation's new key is never part of it. */
                payload: {
                    [key: string]: unknown;
                };
                /** @description Every attempt, oldest first. */
                attempts: {
                    id: string;
                    /** @description 1 for the first attempt at this message. */
                    attempt: number;
                    /** Format: date-time */
                    started_at: string;
                    /** @enum {string} */
                    outcome: "succeeded" | "failed";
                    /** @description The receiver's HTTP status; null when no response came (timeout, refused target, network error). */
                    status_code: number | null;
                    latency_ms: number;
                    /** @description The start of the response body, cut short. */
                    response_excerpt: string | null;
                    error: string | null;
                }[];
            }[];
            /** @description Pass as `cursor` for the next, older page; null on the last page. */
            next_cursor: string | null;
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "invalid_request" | "invalid_json" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "key_revoked" | "key_rotated" | "key_expired" | "key_disabled" | "payload_too_large" | "unsupported_media_type" | "rate_limited" | "internal_error" | "service_unavailable";
                message: string;
                details?: {
                    field: string;
                    message: string;
                }[];
                /** @description The request's id (also in X-Request-Id): quote it when you report a problem. */
                request_id?: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAppApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                starting_after?: string;
            };
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page, when there is one: `</v1/…?…&cursor=…>; rel="next"` (RFC 8288, as GitHub's REST API). */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppApiKeyList"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAppApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAppApiKeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedAppApiKeyEnvelope"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
                /** @description API key ID */
                api_key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppApiKeyEnvelope"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAppApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
                /** @description API key ID */
                api_key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAppApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
                /** @description API key ID */
                api_key_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAppApiKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppApiKeyEnvelope"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                starting_after?: string;
                action?: string;
                actor_id?: string;
                target_id?: string;
                since?: string;
                until?: string;
            };
            header?: never;
            path: {
                /** @description App ID */
                app_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    /** @description The next page, when there is one: `</v1/…?…&cursor=…>; rel="next"` (RFC 8288, as GitHub's REST API). */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query: {
                project_id: string;
                owner_id?: string;
                limit?: number;
                cursor?: string;
                starting_after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page, when there is one: `</v1/…?…&cursor=…>; rel="next"` (RFC 8288, as GitHub's REST API). */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateApiKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource's state does not allow this change (a key's, or a webhook message's). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    bulkRevokeApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    project_id: string;
                    ids?: string[];
                    owner_id?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The ids of the keys this call revoked; keys already revoked are left as they were and not listed. */
                        revoked: string[];
                        /** @description By owner_id: more live keys of the owner remain; call again. */
                        has_more: boolean;
                    };
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateApiKeyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedApiKey"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource's state does not allow this change (a key's, or a webhook message's). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changeApiKeyCredits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    op: "set" | "increment" | "decrement";
                    amount: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource's state does not allow this change (a key's, or a webhook message's). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiKeyUsage: {
        parameters: {
            query?: {
                window?: "24h" | "7d" | "30d";
            };
            header?: never;
            path: {
                /** @description Project API key ID */
                keyID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Hourly buckets for 24h and 7d, daily for 30d */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyUsage"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportKeyUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    keys: {
                        key_id: string;
                        /** Format: date-time */
                        last_verified_at: string;
                        /** @default 0 */
                        valid?: number;
                        /** @default 0 */
                        revoked?: number;
                        /** @default 0 */
                        expired?: number;
                        /** @default 0 */
                        disabled?: number;
                        /** @default 0 */
                        forbidden?: number;
                        /** @default 0 */
                        insufficient_scopes?: number;
                        last_ip?: string;
                        last_user_agent?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        /** @description Ids that are not keys of the caller's app: not counted. */
                        unknown_key_ids: string[];
                    };
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getKeyPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyPolicy"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateKeyPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateKeyPolicyRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyPolicy"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSigningSecret"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                starting_after?: string;
            };
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first, each message with its attempts */
            200: {
                headers: {
                    /** @description The next page, when there is one: `</v1/…?…&cursor=…>; rel="next"` (RFC 8288, as GitHub's REST API). */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redeliverWebhookMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
                /** @description Webhook message ID (the webhook-id header) */
                message_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The message after the attempt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The resource's state does not allow this change (a key's, or a webhook message's). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                starting_after?: string;
            };
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The next page, when there is one: `</v1/…?…&cursor=…>; rel="next"` (RFC 8288, as GitHub's REST API). */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Oldest first. */
                        webhook_endpoints: {
                            id: string;
                            project_id: string;
                            url: string;
                            events: ("api_key.created" | "api_key.rotated" | "api_key.revoked" | "api_key.disabled" | "api_key.enabled" | "api_key.expiring" | "api_key.expired" | "api_key.leaked" | "api_key.stale_warning" | "api_key.credits_low")[];
                            /** Format: date-time */
                            created_at: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: ("api_key.created" | "api_key.rotated" | "api_key.revoked" | "api_key.disabled" | "api_key.enabled" | "api_key.expiring" | "api_key.expired" | "api_key.leaked" | "api_key.stale_warning" | "api_key.credits_low")[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        project_id: string;
                        url: string;
                        events: ("api_key.created" | "api_key.rotated" | "api_key.revoked" | "api_key.disabled" | "api_key.enabled" | "api_key.expiring" | "api_key.expired" | "api_key.leaked" | "api_key.stale_warning" | "api_key.credits_low")[];
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project ID */
                project_id: string;
                /** @description Webhook endpoint ID */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; messages already queued for it are still delivered */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found, or not in the key's app. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyApiKeyRequest"];
            };
        };
        responses: {
            /** @description The verdict; `valid` is false for any rejected key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyResult"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role does not allow this operation. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamKeyChanges: {
        parameters: {
            query?: {
                last_event_id?: string;
            };
            header?: {
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The bearer key is missing or invalid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportLeakedKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeakReport"];
            };
        };
        responses: {
            /** @description Received */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeakReceived"];
                };
            };
            /** @description The request is invalid; details name each field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address; wait for Retry-After seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
