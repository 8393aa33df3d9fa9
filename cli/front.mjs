// The front thread's entry (lib/http/front/protocol.ts). A worker thread does not inherit the main
// thread's module hooks: register TypeScript and the "server-only" stub here, then load it.
import { register } from "tsx/esm/api";
import "./register.mjs";

register();
await import("./front.ts");
