import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../errors.js";

const errorCodes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The one error body of every endpoint (DESIGN.md "Errors and validation"). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string().describe("给人看的说明（按 Accept-Language，默认中文）"),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: "ErrorBody" });

/** Standard error responses to list in a route's schema. */
export const errorResponses = {
  400: errorBody,
  500: errorBody,
} as const;
