import { z } from "zod";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: "1024" }, (app: FastifyInstance) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.post("/test/echo", { schema: { body: z.object({ name: z.string().min(1) }) } }, async (req) => ({
      name: req.body.name,
    }));
    typed.get("/test/boom", async () => {
      throw new Error("secret internals: password=hunter2");
    });
  });
});
afterAll(async () => {
  await t.close();
});

describe("platform endpoints", () => {
  it("GET /healthz checks the database", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: t.database.kind });
  });

  it("GET /api/openapi.json is OpenAPI 3.1 with the calendar operations and the error schema", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    }>();
    expect(doc.openapi).toBe("3.1.0");
    const dueDate = doc.paths["/api/v1/calendar/due-date"]?.get;
    expect(dueDate?.parameters?.map((p) => p.name).sort()).toEqual(["from", "region", "workdays"]);
    expect(JSON.stringify(doc)).toContain("ErrorBody");
    expect(doc.paths["/test/echo"]).toBeDefined();
  });

  it("serves interactive docs at /api/docs", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("swagger");
  });
});

describe("errors", () => {
  it("an unknown route is a JSON 404 with a Chinese message and the request id", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/nope",
      headers: { "x-request-id": "req-abcdef12" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers["x-request-id"]).toBe("req-abcdef12");
    expect(res.json()).toEqual({
      error: { code: "NOT_FOUND", message: "接口不存在：GET /api/v1/nope", requestId: "req-abcdef12" },
    });
  });

  it("a malformed request id is replaced by a generated one", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "<script>" },
    });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("broken JSON is a 400, not a 500", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", message: "请求体不是合法的 JSON" },
    });
  });

  it("a body failing its schema lists the field", async () => {
    const res = await t.app.inject({ method: "POST", url: "/test/echo", payload: { name: "" } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { details: { path: string }[] } }>();
    expect(body.error.details[0]?.path).toBe("body.name");
  });

  it("a body over the limit is a 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/test/echo",
      payload: { name: "x".repeat(2000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("an unsupported content type is a 415", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/x-made-up" },
      payload: "x",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("an unexpected exception is a 500 INTERNAL that reveals nothing", async () => {
    const res = await t.app.inject({ method: "GET", url: "/test/boom" });
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.message).toContain(body.error.requestId);
    expect(res.body).not.toContain("hunter2");
  });
});

describe("security headers", () => {
  it("sets helmet's headers on API responses", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["strict-transport-security"]).toBeDefined();
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });
});
