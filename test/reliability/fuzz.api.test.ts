import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../src/shared/errors.js";
import { DEMO_CITIZENS, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import {
  bearerFor,
  corrupt,
  fillPath,
  hostileScalar,
  hostileValue,
  listOperations,
  malformedJson,
  plausible,
  type Operation,
} from "../helpers/openapi.js";

/**
 * Property-based requests built from the served OpenAPI document against every operation: hostile
 * values planted in otherwise plausible bodies, path parameters and query strings, malformed JSON and
 * wrong content types. Never a 5xx; every 4xx carries the one error shape; a refused request writes
 * nothing (the audit chain head does not move — every write is audited in its transaction).
 * FUZZ_RUNS sets the runs per operation (CI default 12; `npm run test:fuzz:long` uses 200).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const CODES = Object.keys(ERROR_STATUS);
/** Refusals that are themselves audited by design: a failed login is a security event. */
const AUDITED_REFUSALS = new Set(["POST /api/v1/auth/login"]);

let t: TestApp;
let ops: Operation[] = [];
let doc: Awaited<ReturnType<typeof listOperations>>["doc"];
const principals: Record<string, Record<string, string>> = { anonymous: {} };

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ db: t.database.db, secrets: t.secrets });
  ({ ops, doc } = await listOperations(t.app));
  principals.citizen = await bearerFor(t.app, DEMO_CITIZENS[0].idNumber, "10.77.0.1");
  principals.reviewer = await bearerFor(t.app, "kashgar.samr.reviewer", "10.77.0.2");
  principals.admin = await bearerFor(t.app, "xj.admin", "10.77.0.3");
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function auditHead(): Promise<number> {
  const r = await sql<{ seq: string | number }>`select seq from audit_chain_head where id = 1`.execute(
    t.database.db,
  );
  return Number(r.rows[0]?.seq ?? -1);
}

interface Probe {
  who: string;
  url: string;
  payload?: string;
  contentType?: string;
}

async function send(op: Operation, probe: Probe) {
  // Logging out would end the shared session: that operation is fuzzed anonymously.
  const who = op.key === "POST /api/v1/auth/logout" ? "anonymous" : probe.who;
  const before = await auditHead();
  const res = await t.app.inject({
    method: op.method as "GET",
    url: probe.url,
    headers: {
      ...principals[who],
      ...(probe.contentType === undefined ? {} : { "content-type": probe.contentType }),
    },
    ...(probe.payload === undefined ? {} : { payload: probe.payload }),
    remoteAddress: `10.78.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  const where = `${op.key} as ${who}: ${probe.url} ${String(probe.payload).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as { error?: { code?: string; message?: string; requestId?: string } };
    expect(CODES, where).toContain(body.error?.code);
    expect(typeof body.error?.message === "string" && body.error.message.length > 0, where).toBe(true);
    expect(typeof body.error?.requestId, where).toBe("string");
    if (!AUDITED_REFUSALS.has(op.key))
      expect(await auditHead(), `${where}: a refused request wrote an audit record`).toBe(before);
  }
}

const whoArb = fc.constantFrom("anonymous", "citizen", "reviewer", "admin");

function queryString(op: Operation, values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const p of op.parameters.filter((x) => x.in === "query")) {
    const v = values[p.name];
    if (v !== undefined) q.set(p.name, typeof v === "string" ? v : JSON.stringify(v));
  }
  const s = q.toString();
  return s === "" ? "" : `?${s}`;
}

function probeArb(op: Operation): fc.Arbitrary<Probe> {
  const pathNames = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const pathValues = fc.record(
    Object.fromEntries(
      pathNames.map((n) => [
        n,
        fc.oneof(
          fc.constantFrom(
            "1",
            "0",
            "-1",
            "99999999999999999999",
            "6531",
            "00000000-0000-0000-0000-000000000000",
          ),
          hostileScalar.map((v) => (typeof v === "string" ? v : JSON.stringify(v))),
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const queryValues = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, fc.oneof(plausible(p.schema, doc), hostileScalar)])),
    { requiredKeys: [] },
  );
  const base = fc.tuple(whoArb, pathValues, queryValues).map(([who, pv, qv]) => ({
    who,
    url: fillPath(op.path, pv) + queryString(op, qv),
  }));
  if (op.body === undefined) {
    if (op.method === "GET") return base;
    return fc
      .tuple(base, fc.option(malformedJson))
      .map(([b, raw]) => (raw === null ? b : { ...b, payload: raw, contentType: "application/json" }));
  }
  const corrupted = fc
    .tuple(
      plausible(op.body, doc),
      fc.nat(),
      fc.oneof(hostileValue, fc.constant(undefined)),
      fc.string({ maxLength: 6 }),
    )
    .map(
      ([value, pick, hostile, key]) => JSON.stringify(corrupt(value, pick, hostile, `x_${key}`)) ?? "null",
    );
  return fc
    .tuple(
      base,
      fc.oneof(
        { weight: 6, arbitrary: corrupted.map((payload) => ({ payload, contentType: "application/json" })) },
        {
          weight: 2,
          arbitrary: malformedJson.map((payload) => ({ payload, contentType: "application/json" })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            { payload: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
            { payload: "<x/>", contentType: "text/xml" },
            { payload: '{"a":1}', contentType: "application/json; charset=gbk" },
          ),
        },
      ),
    )
    .map(([b, body]) => ({ ...b, ...body }));
}

describe("fuzzing every operation of the OpenAPI document", () => {
  it("the document lists the operations (fuzzing walks all of them)", () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.map((o) => o.key)).toContain("POST /api/v1/cases");
  });

  it("never a 5xx, always the error shape, nothing written on refusal", async () => {
    const failures: string[] = [];
    for (const op of ops) {
      const run = await fc.check(
        fc.asyncProperty(probeArb(op), async (probe) => {
          await send(op, probe);
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261124), endOnFailure: true },
      );
      // The counterexample may hold a 70 kB string: report the (already truncated) assertion message.
      if (run.failed) failures.push(String((run.errorInstance as Error | undefined)?.message).slice(0, 800));
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
