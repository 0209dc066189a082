import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/db.js";
import { registerAuthentication } from "./http/auth.js";
import type { Secrets } from "./security/secrets.js";
import "./http/context.js";
import { answerFrameworkError, registerErrorHandling } from "./http/errors.js";
import { registerTextGuard } from "./http/text-guard.js";
import { moduleRoutes } from "./routes.js";

// Zod's own messages (types, lengths) in Chinese; our refinements carry catalog keys.
z.config(z.locales.zhCN());

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface BuildAppOptions {
  config: Config;
  database: Pick<DatabaseHandle, "db" | "kind">;
  secrets: Secrets;
  /** Overrides config.logLevel (tests pass "silent"). */
  logLevel?: Config["logLevel"];
  /** The clock (tests fix it); the system time by default. */
  clock?: () => Date;
  /** Where logs go (tests capture them to prove no secret is logged); stdout by default. */
  logStream?: NodeJS.WritableStream;
}

/**
 * Builds the HTTP app (used by main.ts and by in-process tests through `app.inject`). It does not
 * own the database: whoever opened it closes it after `app.close()`.
 */
export async function buildApp({
  config,
  database,
  secrets,
  logLevel,
  logStream,
  clock,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: logLevel ?? config.logLevel,
      redact: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        'req.headers["x-csrf-token"]',
      ],
      ...(logStream === undefined ? {} : { stream: logStream }),
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("ctx", {
    db: database.db,
    databaseKind: database.kind,
    config,
    secrets,
    clock: clock ?? (() => new Date()),
  });
  app.decorateRequest("actor", null as never);
  app.addHook("onRequest", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });
  registerErrorHandling(app, config.bodyLimitBytes);
  registerTextGuard(app);
  await app.register(cookie);
  registerAuthentication(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "通办 Tongban API",
        description:
          "新疆一体化政务服务平台接口。错误统一为 { error: { code, message, details?, requestId } }。",
        version: "1",
      },
      tags: [
        { name: "platform", description: "平台" },
        { name: "calendar", description: "工作日历（法定节假日、调休、地方性节假日）" },
        { name: "regions", description: "行政区划（国家统计局 2023 年统计用区划代码）" },
        { name: "agencies", description: "机构、条线与服务场所" },
        { name: "identity", description: "统一身份认证、会话与权限" },
        { name: "catalog", description: "事项管理：权责清单、基本目录、实施规范、实施清单及动态调整" },
        { name: "guides", description: "办事指南（同源发布）" },
        { name: "cases", description: "办件：申请、受理、审查、决定、送达" },
        { name: "reviews", description: "好差评与差评整改" },
        { name: "complaints", description: "投诉举报、12345、办不成事" },
        { name: "monitoring", description: "电子监察与统计" },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  for (const routes of moduleRoutes) await app.register(routes);
  return app;
}
