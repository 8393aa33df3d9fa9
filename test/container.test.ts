import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The Dockerfile's promises, read from the file (no image can be built on these machines: see
// e2e/server/entrypoint.spec.ts, which runs its entrypoint): a final stage without build tools,
// running as a user other than root, with the entrypoint that migrates on start.

const root = path.resolve(import.meta.dirname, "..");
const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
const stages = dockerfile.split(/^FROM /m).slice(1);

describe("the Dockerfile", () => {
  it("builds in one stage and runs from another", () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/AS build/);
    expect(stages[0]).toMatch(/npm ci && npm run build && npm prune --omit=dev/);
  });

  it("has no build tools, no package installs and no root user in its final stage", () => {
    const final = stages[1]!;
    expect(final).not.toMatch(/apt-get|apk add|npm (ci|install)|g\+\+|python3/);
    expect(final).toMatch(/^USER node$/m);
    expect(final.indexOf("USER node")).toBeLessThan(final.indexOf("ENTRYPOINT"));
    expect(final).toMatch(/COPY --from=build --chown=node:node/);
  });

  it("starts with the entrypoint that applies migrations, and checks /readyz", () => {
    expect(stages[1]).toMatch(/ENTRYPOINT \["\/app\/docker\/entrypoint\.sh"\]/);
    expect(stages[1]).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(readFileSync(path.join(root, "docker/entrypoint.sh"), "utf8")).toMatch(/^exec node bin\/latchkey\.mjs start/m);
  });

  it("keeps local state and build output out of the build context", () => {
    const ignored = readFileSync(path.join(root, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".next", "data", ".git"]));
  });
});
