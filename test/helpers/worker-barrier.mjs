// Loaded with --import before cli/main.ts by test/helpers/spawn-worker.ts. It loads the worker's
// modules first, says "ready", and waits for "go" on stdin: workers started by one test then
// begin their passes together, not one after the other as their start-up times happen to fall.
await import("../../cli/worker.ts");
process.stderr.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();
