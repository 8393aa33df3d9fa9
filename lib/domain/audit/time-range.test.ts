import { describe, expect, it } from "vitest";
import { localInputFromUtc, resolveAuditTimeRange, utcFromLocalInput } from "./time-range";

const now = new Date("2030-01-31T12:00:00.000Z");

describe("resolveAuditTimeRange", () => {
  it("counts a preset back from now, and ignores typed fields beside it", () => {
    expect(resolveAuditTimeRange({ range: "24h", since: "2001-01-01T00:00", until: "2001-01-02T00:00" }, now)).toEqual({
      range: "24h",
      since: "2030-01-30T12:00:00.000Z",
    });
    expect(resolveAuditTimeRange({ range: "7d" }, now).since).toBe("2030-01-24T12:00:00.000Z");
    expect(resolveAuditTimeRange({ range: "30d" }, now).since).toBe("2030-01-01T12:00:00.000Z");
  });

  it("reads datetime-local fields as UTC, and passes full timestamps through", () => {
    expect(resolveAuditTimeRange({ range: "custom", since: "2030-01-01T09:30", until: "2030-01-02T10:00:15" }, now)).toEqual({
      range: "custom",
      since: "2030-01-01T09:30:00Z",
      until: "2030-01-02T10:00:15Z",
    });
    expect(resolveAuditTimeRange({ since: "2030-01-01T00:00:00+02:00" }, now)).toEqual({
      range: "custom",
      since: "2030-01-01T00:00:00+02:00",
      until: undefined,
    });
  });

  it("means any time without a preset or a field, and leaves nonsense for the query schema to refuse", () => {
    expect(resolveAuditTimeRange({}, now)).toEqual({ range: "any", since: undefined, until: undefined });
    expect(resolveAuditTimeRange({ range: "forever", since: "" }, now).range).toBe("any");
    expect(resolveAuditTimeRange({ range: "toString" }, now).range).toBe("any");
    expect(utcFromLocalInput("yesterday")).toBe("yesterday");
  });
});

describe("localInputFromUtc", () => {
  it("shows a timestamp in a datetime-local field, in UTC", () => {
    expect(localInputFromUtc("2030-01-01T09:30:00Z")).toBe("2030-01-01T09:30");
    expect(localInputFromUtc("2030-01-01T09:30")).toBe("2030-01-01T09:30");
    expect(localInputFromUtc("2030-01-01T00:00:00+02:00")).toBe("2029-12-31T22:00");
    expect(localInputFromUtc("nonsense")).toBe("");
    expect(localInputFromUtc(undefined)).toBe("");
  });
});
