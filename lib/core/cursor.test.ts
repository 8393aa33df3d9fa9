import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";
import { DomainError } from "./errors";

const forge = (text: string) => Buffer.from(text).toString("base64url");

function refusal(cursor: string) {
  try {
    decodeCursor(cursor);
  } catch (error) {
    return error;
  }
  return null;
}

describe("decodeCursor", () => {
  it("reads back what encodeCursor wrote", () => {
    const at = new Date("2030-01-31T09:30:00.123Z");
    expect(decodeCursor(encodeCursor(at, "aud_4Q2bXyz"))).toEqual({ createdAt: at, id: "aud_4Q2bXyz" });
  });

  it("refuses a forged cursor with invalid_request naming cursor, dates outside the databases' range included", () => {
    const forged = [
      forge("-100000-01-01T00:00:00.000Z|aud_x"),
      forge("+275760-09-13T00:00:00.000Z|aud_x"),
      forge(`${new Date(-8.64e15).toISOString()}|aud_x`),
      forge("2030-02-31T00:00:00.000Z|aud_x"),
      forge("2030-01-01|aud_x"),
      forge("2030-01-01T00:00:00.000Z|"),
      forge("2030-01-01T00:00:00.000Z|aud_x|extra"),
      forge('{"createdAt":"2030-01-01T00:00:00.000Z","id":"aud_x"}'),
      forge("2030-01-01T00:00:00.000Z|aud x"),
      "!!!not base64!!!",
      "a".repeat(10_000),
      "",
    ];
    for (const cursor of forged) {
      const error = refusal(cursor);
      expect(error, cursor).toBeInstanceOf(DomainError);
      expect((error as DomainError).details, cursor).toEqual([{ field: "cursor", message: "is not a cursor this API returned" }]);
    }
  });
});
