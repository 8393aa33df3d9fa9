import { describe, expect, it } from "vitest";
import { toCsv } from "./export";

describe("toCsv", () => {
  it("quotes every value, leaves null empty, escapes quotes and defuses formulas", () => {
    const csv = toCsv([
      {
        id: "aud_1",
        action: "app.renamed",
        actor: { type: "user", id: "usr_1" },
        target: { type: "app", id: "app_1" },
        metadata: { after: { name: 'Say "hi"' } },
        ip_address: null,
        user_agent: '=HYPERLINK("x")',
        created_at: "2026-01-01T00:00:00.000Z",
      },
    ]);
    const [header, row] = csv.trim().split("\r\n");
    expect(header).toBe("created_at,action,actor_type,actor_id,target_type,target_id,ip_address,user_agent,metadata");
    expect(row).toBe(
      '"2026-01-01T00:00:00.000Z","app.renamed","user","usr_1","app","app_1",,"\'=HYPERLINK(""x"")","{""after"":{""name"":""Say \\""hi\\""""}}"',
    );
  });
});
