import { describe, expect, it } from "vitest";
import { auditSummary, showValue } from "./summary";

describe("auditSummary", () => {
  it("names each changed field of an update, old → new", () => {
    const event = {
      metadata: { before: { name: "old", scopes: ["a"], expires_at: null }, after: { name: "new", scopes: ["a", "b"], expires_at: null } },
    };
    expect(auditSummary(event)).toBe("name: old → new; scopes: a → a, b");
  });

  it("spells out a key policy's environments, never [object Object]", () => {
    const env = (require_expiry: boolean) => [
      { id: "env_1", name: "production", require_expiry: false },
      { id: "env_2", name: "development", require_expiry },
    ];
    const event = {
      metadata: {
        before: { project_id: "prj_1", default_rotation_interval_days: null, environments: env(false) },
        after: { project_id: "prj_1", default_rotation_interval_days: 30, environments: env(true) },
        changed: ["default_rotation_interval_days", "environments"],
      },
    };
    const text = auditSummary(event);
    expect(text).toBe("default_rotation_interval_days: none → 30; environments development require_expiry: false → true");
    expect(text).not.toContain("[object Object]");
  });

  it("shows nested values of other events as text", () => {
    const text = auditSummary({
      metadata: { new_key_id: "key_2", trigger: "manual", limits: { per_minute: 10 }, envs: [{ id: "env_1", name: "production" }] },
    });
    expect(text).toBe("new_key_id: key_2; trigger: manual; limits: per_minute: 10; envs: production");
  });

  it("writes an object without a name as its fields", () => {
    expect(showValue({ a: 1, b: [true, null] })).toBe("a: 1, b: true, none");
    expect(showValue([])).toBe("none");
  });
});
