import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import {
  AppError,
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from "../../shared/errors.js";
import {
  pickLocale,
  translate,
  zhCN,
  type MessageKey,
  type MessageParams,
} from "../../shared/i18n/messages.js";

function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(zhCN, value);
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  key: MessageKey,
  params: MessageParams = {},
  details?: unknown,
  status: number = ERROR_STATUS[code],
): FastifyReply {
  const locale = pickLocale(request.headers["accept-language"]);
  const body: ErrorBody = {
    error: {
      code,
      message: translate(key, locale, { requestId: request.id, ...params }),
      ...(details === undefined ? {} : { details: localizeDetails(details, locale) }),
      requestId: request.id,
    },
  };
  return reply.status(status).send(body);
}

/** Field issues whose message is a catalog key are translated; other details pass through. */
function localizeDetails(details: unknown, locale: ReturnType<typeof pickLocale>): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) => {
    if (
      typeof d === "object" &&
      d !== null &&
      "message" in d &&
      typeof d.message === "string" &&
      isMessageKey(d.message)
    ) {
      return { ...d, message: translate(d.message, locale) };
    }
    return d;
  });
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

const CODE_MESSAGES: Record<ErrorCode, MessageKey> = {
  VALIDATION_FAILED: "error.validation",
  UNAUTHENTICATED: "error.unauthenticated",
  FORBIDDEN: "error.forbidden",
  NOT_FOUND: "error.notFound",
  CONFLICT: "error.conflict",
  INVALID_STATE: "error.invalidState",
  PAYLOAD_TOO_LARGE: "error.payloadTooLarge",
  UNSUPPORTED_MEDIA_TYPE: "error.unsupportedMediaType",
  OUT_OF_RANGE: "error.validation",
  RATE_LIMITED: "error.rateLimited",
  INTERNAL: "error.internal",
  UNAVAILABLE: "error.unavailable",
};

/**
 * The one error mapping for the whole API: AppError → its code; schema validation → 400 with
 * field issues; Fastify's own 4xx (bad JSON, body too large, wrong content type) → their codes;
 * anything else is logged and answered as INTERNAL without internals.
 */
export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return send(request, reply, err.code, err.messageKey, err.params, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext === "querystring" ? "query" : (err.validationContext ?? "");
      const details: FieldIssue[] = err.validation.map((v) => {
        const path = [where, ...v.instancePath.split("/")].filter((p) => p !== "").join(".");
        return { path, message: v.message ?? "" };
      });
      return send(request, reply, "VALIDATION_FAILED", "error.validation", {}, details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, "response does not match its schema");
      return send(request, reply, "INTERNAL", "error.internal");
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
        return send(request, reply, "PAYLOAD_TOO_LARGE", "error.payloadTooLarge", { limit: bodyLimit });
      }
      if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
        return send(request, reply, "UNSUPPORTED_MEDIA_TYPE", "error.unsupportedMediaType", {
          contentType: String(request.headers["content-type"] ?? ""),
        });
      }
      if (
        err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
        err instanceof SyntaxError ||
        err.code === "FST_ERR_CTP_INVALID_JSON_BODY"
      ) {
        return send(request, reply, "VALIDATION_FAILED", "error.badJson");
      }
      const code = STATUS_CODES[status] ?? "VALIDATION_FAILED";
      return send(request, reply, code, CODE_MESSAGES[code], {}, undefined, status);
    }
    request.log.error({ err }, "unhandled error");
    return send(request, reply, "INTERNAL", "error.internal");
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, "NOT_FOUND", "error.routeNotFound", {
      method: request.method,
      url: request.url.split("?")[0] ?? "",
    }),
  );
}

/**
 * Fastify's `frameworkErrors`: errors the router raises before any route or hook runs (a path
 * parameter longer than the router accepts, a malformed percent-encoding) answered in the one error
 * shape instead of Fastify's own body (found by the OpenAPI fuzzer, test/reliability/fuzz.api.test.ts).
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ code: err.code }, "request refused by the router");
  void send(request, reply, "VALIDATION_FAILED", "error.validation");
}
