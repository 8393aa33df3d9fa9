import { describe, expect, it } from "vitest";
import { exportChunks, toCsv } from "./export";

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

describe("exportChunks", () => {
  const event = (i: number) => ({
    id: `aud_${i}`,
    action: "app.created",
    actor: { type: "user" as const, id: "usr_1" },
    target: { type: "app", id: `app_${i}` },
    metadata: { i },
    ip_address: null,
    user_agent: null,
    created_at: "2026-01-01T00:00:00.000Z",
  });
  async function* pages(...sizes: number[]) {
    let n = 0;
    for (const size of sizes) yield Array.from({ length: size }, () => event(n++));
  }
  const text = async (chunks: AsyncIterable<string>) => {
    let all = "";
    for await (const chunk of chunks) all += chunk;
    return all;
  };

  it("writes one JSON document across pages, empty ones included", async () => {
    const json = JSON.parse(await text(exportChunks(pages(2, 0, 3), "json")));
    expect(json.audit_events.map((e: { id: string }) => e.id)).toEqual(["aud_0", "aud_1", "aud_2", "aud_3", "aud_4"]);
    expect(JSON.parse(await text(exportChunks(pages(), "json")))).toEqual({ audit_events: [] });
  });

  it("writes the CSV header once, then a row per event", async () => {
    const lines = (await text(exportChunks(pages(2, 3), "csv"))).trim().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^created_at,action/);
  });
});
