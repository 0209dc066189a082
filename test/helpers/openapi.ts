import type { FastifyInstance } from "fastify";
import fc from "fast-check";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";

/** A JSON Schema node as @fastify/swagger renders the zod contracts (only what the fuzzer reads). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  additionalProperties?: boolean | SchemaNode;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: SchemaNode;
}

export interface Operation {
  method: string;
  path: string;
  /** `METHOD /path/{param}` exactly as in the OpenAPI document: the key of the authorization matrix. */
  key: string;
  parameters: Parameter[];
  body: SchemaNode | undefined;
  bodyType: string | undefined;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: SchemaNode }> } }
    >
  >;
  components?: { schemas?: Record<string, SchemaNode> };
}

/** Every operation of the served OpenAPI document (so new modules are picked up as they land). */
export async function listOperations(app: FastifyInstance): Promise<{ ops: Operation[]; doc: OpenApiDoc }> {
  const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`);
  const doc = res.json<OpenApiDoc>();
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        parameters: op.parameters ?? [],
        body: bodyType === undefined ? undefined : content[bodyType]?.schema,
        bodyType,
      });
    }
  }
  return { ops, doc };
}

/** Fills `{param}` placeholders. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeLoosely(params[name] ?? "1"));
}

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 `%ED%A0%80`. */
function encodeLoosely(value: string): string {
  return value
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? "%ED%A0%80" : encodeURIComponent(part)))
    .join("");
}

/** Logs an account in with a bearer token (no CSRF needed), from its own address. */
export async function bearerFor(
  app: FastifyInstance,
  login: string,
  ip: string,
): Promise<Record<string, string>> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { identifier: login, password: DEMO_PASSWORD, mode: "token" },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const UNICODE_EDGES = [
  "",
  " ",
  "\u0000",
  "\ud800", // lone surrogate
  "\udfff",
  "\u202e\u0645\u0631\u062d\u0628\u0627", // right-to-left override
  "\u200b\u200d\ufeff", // zero-width characters
  "𠀀𪚥🧑‍🤝‍🧑",
  "ئۇيغۇرچە",
  "'; drop table cases; --",
  "../../etc/passwd",
  "%00%ff",
  "<script>alert(1)</script>",
  "١٢٣",
  "NaN",
  "-1",
  "1e309",
];

const hugeString = fc.constantFrom("x".repeat(70_000), "中".repeat(20_000), "9".repeat(5_000));

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES),
  hugeString,
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }),
  fc.constantFrom(0, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 63, 1.5),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: "binary", maxLength: 40 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constant({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } }),
  },
);

function resolve(node: SchemaNode | undefined, doc: OpenApiDoc): SchemaNode {
  let n = node ?? {};
  for (let i = 0; i < 10 && n.$ref !== undefined; i++) {
    const name = n.$ref.split("/").pop() ?? "";
    n = doc.components?.schemas?.[name] ?? {};
  }
  return n;
}

/** A plausible value for a schema (so that the hostile part lands deep inside an otherwise valid body). */
export function plausible(node: SchemaNode | undefined, doc: OpenApiDoc, depth = 0): fc.Arbitrary<unknown> {
  const n = resolve(node, doc);
  if (depth > 4) return fc.constant(null);
  if (n.const !== undefined) return fc.constant(n.const);
  if (n.enum !== undefined && n.enum.length > 0) return fc.constantFrom(...n.enum);
  const alternatives = n.anyOf ?? n.oneOf;
  if (alternatives !== undefined && alternatives.length > 0)
    return fc.oneof(...alternatives.map((a) => plausible(a, doc, depth + 1)));
  if (n.allOf !== undefined && n.allOf.length > 0) return plausible(n.allOf[0], doc, depth + 1);
  const type = Array.isArray(n.type) ? n.type.find((t) => t !== "null") : n.type;
  switch (type) {
    case "object": {
      const props = n.properties ?? {};
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) shape[k] = plausible(v, doc, depth + 1);
      return fc.record(shape, { requiredKeys: (n.required ?? []).filter((k) => k in props) });
    }
    case "array":
      return fc.array(plausible(n.items, doc, depth + 1), { maxLength: 2 });
    case "integer":
      return fc.integer({
        min: n.minimum ?? 0,
        max: Math.max(n.minimum ?? 0, Math.min(n.maximum ?? 1000, 1_000_000)),
      });
    case "number":
      return fc.double({ min: n.minimum ?? 0, max: n.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "string":
      if (n.format === "date") return fc.constantFrom("2026-06-15", "2026-02-30");
      if (n.pattern !== undefined) return fc.stringMatching(new RegExp(n.pattern)).map((v) => v.slice(0, 64));
      return fc.string({
        minLength: Math.min(n.minLength ?? 0, 64),
        maxLength: Math.max(Math.min(n.maxLength ?? 12, 12), Math.min(n.minLength ?? 0, 64)),
      });
    default:
      return fc.constant(null);
  }
}

/** Replaces one leaf (or adds an unknown field) in a plausible value with a hostile one. */
export function corrupt(value: unknown, pick: number, hostile: unknown, unknownKey: string): unknown {
  if (value === null || typeof value !== "object") return hostile;
  if (Array.isArray(value)) {
    if (value.length === 0) return [hostile];
    const i = pick % value.length;
    return (value as unknown[]).map((v, j) =>
      j === i ? corrupt(v, Math.floor(pick / 2), hostile, unknownKey) : v,
    );
  }
  const keys = Object.keys(value);
  if (keys.length === 0 || pick % 5 === 0) return { ...value, [unknownKey]: hostile };
  const key = keys[pick % keys.length] ?? "";
  return {
    ...value,
    [key]: corrupt((value as Record<string, unknown>)[key], Math.floor(pick / 3), hostile, unknownKey),
  };
}

export const malformedJson = fc.constantFrom(
  "{",
  '{"a":',
  "[1,2",
  "nul",
  '{"a":1}}',
  "\u0000",
  '{"__proto__":{"admin":true}}',
  '"just a string"',
  "123",
  "[]",
  "{".repeat(5000),
  '{"a":"\\ud800"}',
);
