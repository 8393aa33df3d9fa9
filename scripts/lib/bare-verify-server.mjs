// The ceiling for the verify benchmark: bare node:http doing the same work in memory as
// Latchkey's verify path (parse the JSON body, SHA-256 the key, look the hash up in a Map).
import { createHash } from "node:crypto";
import { createServer } from "node:http";

const keys = new Map();
const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const { key } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const record = keys.get(createHash("sha256").update(key).digest("hex"));
    const body = JSON.stringify({ valid: Boolean(record), key_id: record?.id ?? null });
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", ({ hashes }) => {
  hashes.forEach((hash, i) => keys.set(hash, { id: `key_${i}` }));
  process.send({ ready: true });
});
