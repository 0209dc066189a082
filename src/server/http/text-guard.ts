import type { FastifyInstance } from "fastify";
import { AppError, type FieldIssue } from "../../shared/errors.js";

/** A UTF-16 surrogate without its pair (NUL is tested apart): PostgreSQL stores neither in text or jsonb. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isBadText = (s: string) => s.includes("\u0000") || LONE_SURROGATE.test(s);

function findBadText(value: unknown, path: string, out: FieldIssue[], depth = 0): void {
  if (out.length >= 20 || depth > 64) return;
  if (typeof value === "string") {
    if (isBadText(value)) out.push({ path, message: "harness.badCharacter" });
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, v] of Object.entries(value)) {
    const at = path === "" ? key : `${path}.${key}`;
    if (isBadText(key)) out.push({ path: at, message: "harness.badCharacter" });
    findBadText(v, at, out, depth + 1);
  }
}

/**
 * Refuses, before validation, any request whose path parameters, query or JSON body hold text the
 * database cannot store (it would otherwise fail deep inside a query as a 500). One hook for every
 * route, present and future (found by the OpenAPI fuzzer, test/reliability/fuzz.api.test.ts).
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const issues: FieldIssue[] = [];
    findBadText(request.params, "params", issues);
    findBadText(request.query, "query", issues);
    if (!Buffer.isBuffer(request.body)) findBadText(request.body, "body", issues);
    if (issues.length > 0) throw new AppError("VALIDATION_FAILED", "error.validation", {}, issues);
  });
}
