// Bad inputs generated from the OpenAPI document (e2e/api/bad-input.spec.ts): for every
// operation, bodies, query strings and path parameters that the operation must refuse, derived
// from its schemas, so that a new operation is covered as soon as it is documented.

export type JsonSchema = {
  type?: string;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
};

export type Parameter = { name: string; in: "path" | "query"; required?: boolean; schema: JsonSchema };
export type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
};
export type OpenApi = {
  paths: Record<string, Record<string, Operation | Parameter[]> & { parameters?: Parameter[] }>;
  components: { schemas: Record<string, JsonSchema> };
};

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** A JSON token that JSON.stringify cannot write (1e309, -0), spliced into the text after it. */
const raw = (token: string) => `@@raw:${token}@@`;
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"@@raw:([^@]*)@@"/g, "$1");
}

export function resolve(schema: JsonSchema, document: OpenApi): JsonSchema {
  if (!schema.$ref) return schema;
  return document.components.schemas[schema.$ref.replace("#/components/schemas/", "")]!;
}

/** The schema without its `| null`, and whether null is allowed. */
function unwrap(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const options = schema.anyOf ?? [schema];
  const nullable = options.some((option) => option.type === "null");
  return { schema: options.find((option) => option.type !== "null") ?? schema, nullable };
}

/** A valid value for a schema: the fixture's own for a known name, else the least that passes. */
export function sample(schema: JsonSchema, name: string, known: Record<string, unknown>): unknown {
  if (name in known) return known[name];
  const { schema: s } = unwrap(schema);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case "string":
      return "a".repeat(Math.max(1, s.minLength ?? 1));
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return Object.fromEntries((s.required ?? []).map((key) => [key, sample(s.properties![key]!, key, known)]));
    default:
      return "a";
  }
}

function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || new RegExp(pattern, "u").test(value);
}

/** Strings no string field may hold, whatever its schema: a lone surrogate, NUL. */
const UNSTORABLE = ["x\ud800y", "\udc00", "a\u0000b"];

/**
 * Values a schema refuses: the wrong types, out-of-range numbers, odd strings, arrays where a
 * scalar goes, nested objects, unknown fields. Each is invalid by the schema alone (or by the
 * documented rule that no string holds a lone surrogate or NUL), so an operation that accepts
 * one has a validation defect, and the spec's snapshot shows the change it made.
 */
export function badValues(schema: JsonSchema, known: Record<string, unknown>, depth = 0): unknown[] {
  const { schema: s, nullable } = unwrap(schema);
  const values: unknown[] = nullable ? [] : [null];
  const wrongTypes = { string: "text", integer: 7, boolean: true, array: [], object: { nested: { deeper: [1, { x: "y" }] } } };
  for (const [type, value] of Object.entries(wrongTypes)) {
    if (type !== s.type && !(type === "integer" && s.type === "number")) values.push(value);
  }
  if (s.enum)
    values.push(
      ...["not-one-of-them", String(s.enum[0]).toUpperCase(), ` ${String(s.enum[0])}`].filter((value) => !s.enum!.includes(value)),
    );
  switch (s.type) {
    case "string": {
      values.push(...UNSTORABLE);
      if ((s.minLength ?? 0) > 0) values.push("");
      if (s.maxLength !== undefined) values.push("x".repeat(s.maxLength + 1), "é".repeat(s.maxLength + 1));
      else values.push("x".repeat(200_000));
      const odd = ["not valid at all ☃", "' OR 1=1 --", "../../etc/passwd", "%ff"];
      if (s.pattern) values.push(...odd.filter((value) => !matches(s.pattern, value)));
      if (s.format === "date-time")
        values.push(
          "2030-02-31T00:00:00Z",
          "+275760-09-13T00:00:00.000Z",
          "-100000-01-01T00:00:00Z",
          "yesterday",
          "2030-01-01T00:00:00",
          "1e309",
        );
      if (!s.enum && !s.pattern && !s.format) values.push(raw("1e309"));
      break;
    }
    case "integer":
    case "number": {
      values.push("5", "NaN", "Infinity", raw("1e309"), raw("-1e309"), 9007199254740993, -9007199254740993);
      if (s.type === "integer") values.push(1.5, raw("1e-7"));
      if (s.minimum !== undefined) values.push(s.minimum - 1, raw(String(s.minimum - 1e21)));
      if (s.minimum !== undefined && s.minimum > 0) values.push(raw("-0"), 0);
      if (s.maximum !== undefined) values.push(s.maximum + 1, raw("1e21"));
      break;
    }
    case "boolean":
      values.push("true", 1, 0, "false");
      break;
    case "array": {
      const item = s.items ?? {};
      if (s.maxItems !== undefined) values.push(Array.from({ length: s.maxItems + 1 }, (_, i) => uniqueSample(item, i, known)));
      if (depth < 2) values.push(...badValues(item, known, depth + 1).map((value) => [value]));
      values.push([[[["deep"]]]]);
      break;
    }
    case "object": {
      const base = sample(s, "", known) as Record<string, unknown>;
      // JSON.parse makes "__proto__" an own field, as a server's JSON.parse does.
      // A free-form object (a key's meta) takes any field; its keys must still be storable.
      if (s.additionalProperties === false) values.push({ ...base, unknown_field: 1 });
      values.push({ ...base, "\ud800": 1 }, { ...base, ...JSON.parse('{"__proto__":{"polluted":true}}') });
      for (const key of s.required ?? []) {
        const { [key]: _dropped, ...rest } = base;
        values.push(rest);
      }
      if (depth < 3) {
        for (const [key, property] of Object.entries(s.properties ?? {})) {
          for (const value of badValues(property, known, depth + 1)) values.push({ ...base, [key]: value });
        }
      }
      break;
    }
  }
  return values;
}

/** Distinct valid items, so that an over-long array is refused for its length alone. */
function uniqueSample(schema: JsonSchema, index: number, known: Record<string, unknown>): unknown {
  const { schema: s } = unwrap(schema);
  if (s.type === "string") return `a${index}`;
  if (s.type === "object") return { ...(sample(s, "", known) as object), ...(s.properties?.id ? { id: `x${index}` } : {}) };
  return sample(s, "", known);
}

/** Whole bodies that are not what any operation takes; the empty ones only where the body has required fields. */
export function badBodies(schema: JsonSchema, requiredBody: boolean): { label: string; data: Buffer; contentType?: string }[] {
  const json = (label: string, text: string | Buffer) => ({
    label,
    data: Buffer.isBuffer(text) ? text : Buffer.from(text),
    contentType: "application/json",
  });
  const bodies = [
    json("null", "null"),
    json("array", "[]"),
    json("array of objects", '[{"name":"x"}]'),
    json("string", '"x"'),
    json("number", "1e309"),
    json("truncated", '{"name":'),
    json("not JSON", "{nope"),
    json("trailing garbage", '{"name":"x"} {}'),
    json("deep nesting", "[".repeat(5000) + "]".repeat(5000)),
    json("invalid UTF-8", Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('"}')])),
    json("overlong UTF-8", Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])),
    json("UTF-8 surrogate bytes", Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])),
    json("UTF-16", Buffer.from('{"name":"x"}', "utf16le")),
    json("byte order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"x"}')])),
    json("over 1 MB", `{"name":"${"x".repeat(1_100_000)}"}`),
    { label: "form encoded", data: Buffer.from("name=x"), contentType: "application/x-www-form-urlencoded" },
    { label: "text/plain", data: Buffer.from('{"name":"x"}'), contentType: "text/plain" },
    { label: "no content type", data: Buffer.from('{"name":"x"}') },
  ];
  if (requiredBody && (schema.required?.length ?? 0) > 0) bodies.push(json("empty", ""), json("empty object", "{}"), json("blank", "  \n"));
  return bodies;
}

/** Raw (already percent-encoded) values a query parameter of this schema must not break on. */
export function badQueryValues(name: string, schema: JsonSchema): string[] {
  const { schema: s } = unwrap(schema);
  const values = ["", "%20", "%ff", "%", "%E0%A4%A", "%ED%A0%80", "%00", "x".repeat(3000), "%7B%22%24gt%22%3A%22%22%7D", "%5B%5D"];
  if (s.type === "integer" || s.type === "number") {
    values.push("abc", "1.5", "NaN", "Infinity", "-Infinity", "1e309", "9007199254740993", "0x10", "-1");
    if (s.minimum !== undefined) values.push(String(s.minimum - 1));
    if (s.minimum !== undefined && s.minimum > 0) values.push("-0", "0");
    if (s.maximum !== undefined) values.push(String(s.maximum + 1), "1e21");
  }
  if (s.enum) values.push("not-one-of-them");
  if (s.format === "date-time")
    values.push("2030-02-31T00:00:00Z", "%2B275760-09-13T00:00:00.000Z", "-100000-01-01T00:00:00Z", "yesterday", "1e309");
  if (name === "cursor") values.push(...forgedCursors());
  return values;
}

/** Cursors no server returned: dates outside the databases' range, garbage, other shapes. */
export function forgedCursors(): string[] {
  const b64 = (text: string) => encodeURIComponent(Buffer.from(text).toString("base64url"));
  return [
    b64("-100000-01-01T00:00:00.000Z|aud_x"),
    b64("+275760-09-13T00:00:00.000Z|aud_x"),
    b64("2030-02-31T00:00:00.000Z|aud_x"),
    b64("0000-01-01T00:00:00.000Z|msg_x"),
    b64("2030-01-01T00:00:00.000Z|"),
    b64("|"),
    b64('{"createdAt":"2030-01-01T00:00:00.000Z","id":"aud_x"}'),
    b64("2030-01-01T00:00:00.000Z|aud_x\u0000"),
    b64("2030-01-01T00:00:00.000Z|" + "x".repeat(150)),
    encodeURIComponent(Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString("base64")),
    "!!!",
    "%ED%A0%80",
    "x".repeat(190),
  ];
}

/** Raw path segments that name nothing, and that some framework layers cannot decode. */
export const BAD_PATH_SEGMENTS = [
  "%ff",
  "%",
  "%E0%A4%A",
  "%ED%A0%80",
  "%C0%AF",
  "x%00y",
  "x".repeat(2000),
  "%2F",
  "%27%20OR%201%3D1--",
  "key_%0D%0AX-Injected:%201",
];
