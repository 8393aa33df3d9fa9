import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientError, refusal, refuseConnect, sendRefusal } from "./request-guard";

// The front thread's refusals on a real node:http server, over raw sockets, so that methods,
// paths and headers go on the wire exactly as a client may send them.

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((request, response) => {
    const refused = refusal(request);
    if (refused) return sendRefusal(request, response, refused);
    response.end("passed on");
  });
  server.on("connect", (_request, socket) => refuseConnect(socket as Socket));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

type Answer = { status: number; headers: Record<string, string>; body: string };

function raw(head: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${head}\r\n\r\n`));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [top = "", body = ""] = text.split("\r\n\r\n");
      const [status, ...lines] = top.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(status?.split(" ")[1]), headers, body });
    });
    setTimeout(() => socket.end(), 300);
  });
}

const request = (method: string, path: string, headers: string[] = []) =>
  raw([`${method} ${path} HTTP/1.1`, "Host: latchkey.test", ...headers].join("\r\n"));

function errorCode(answer: Answer): string {
  return (JSON.parse(answer.body) as { error: { code: string } }).error.code;
}

describe("refusal", () => {
  it("answers methods Next has no handler for with 405 in the error shape and an Allow header", async () => {
    for (const [method, path] of [
      ["TRACE", "/v1/api-keys"],
      ["TRACE", "/"],
      ["PROPFIND", "/v1/api-keys/key_1"],
      ["PURGE", "/acme"],
      ["CONNECT", "example.com:443"],
      ["FOO", "/v1/api-keys"],
    ] as const) {
      const answer = await request(method, path);
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe("GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE");
      expect(errorCode(answer), method).toBe("method_not_allowed");
    }
  });

  it("answers a path whose percent-encoding is not UTF-8 with 400 invalid_request, console paths included", async () => {
    for (const path of [
      "/v1/api-keys/%ff",
      "/v1/api-keys/%",
      "/v1/apps/%E0%A4%A/api-keys",
      "/acme/apps/%ED%A0%80",
      "http://latchkey.test/v1/api-keys/%zz?x=1",
    ]) {
      const answer = await request("GET", path);
      expect(answer.status, path).toBe(400);
      expect(errorCode(answer), path).toBe("invalid_request");
    }
    expect((await request("GET", "/v1/api-keys/key_%C3%A9?q=%ff")).body).toBe("passed on");
  });

  it("refuses a server action from another origin with 403, and lets this origin's through", async () => {
    const action = ["Next-Action: 7f00aa", "Content-Type: text/plain;charset=UTF-8"];
    const foreign = await request("POST", "/acme/apps", ["Origin: https://evil.example", ...action]);
    expect(foreign.status).toBe(403);
    expect(errorCode(foreign)).toBe("forbidden");
    expect(
      (await request("POST", "/acme/apps", ["Origin: https://evil.example", "Content-Type: multipart/form-data; boundary=x"])).status,
    ).toBe(403);
    expect((await request("POST", "/acme/apps", ["Origin: null", ...action])).status).toBe(403);
    expect((await request("POST", "/acme/apps", ["Origin: not an origin", ...action])).status).toBe(403);
    expect((await request("POST", "/acme/apps", ["Origin: http://latchkey.test", ...action])).body).toBe("passed on");
    expect(
      (await request("POST", "/acme/apps", ["Origin: https://proxy.example", "X-Forwarded-Host: proxy.example", ...action])).body,
    ).toBe("passed on");
    // Not an action: a cross-origin POST to the API is the API's to judge.
    expect((await request("POST", "/v1/api-keys", ["Origin: https://evil.example", "Content-Length: 0"])).body).toBe("passed on");
  });
});
