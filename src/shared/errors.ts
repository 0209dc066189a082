import type { MessageKey, MessageParams } from "./i18n/messages.js";

/** Every error code the API answers with, and its HTTP status: the one table. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  OUT_OF_RANGE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field, for VALIDATION_FAILED. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error body: `{ error: { code, message, details?, requestId } }`. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
    requestId: string;
  };
}

/**
 * The one application error. `messageKey` names a catalog entry so that the message reaches people
 * in their language; `details` is machine-readable (e.g. field issues).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  readonly details: unknown;

  constructor(code: ErrorCode, messageKey: MessageKey, params: MessageParams = {}, details?: unknown) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
