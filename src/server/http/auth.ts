import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../shared/errors.js";
import { anonymous } from "../actor.js";
import { authenticate, csrfTokenFor } from "../modules/identity/identity.service.js";
import { depsOf } from "./context.js";

export const SESSION_COOKIE = "tb_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1];
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authenticates every request: a bearer token (API clients) or the session cookie (browsers).
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`; bearer
 * requests need none (browsers never attach them by themselves). An invalid or expired
 * credential simply leaves the request anonymous; routes that need a user answer 401.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
    request.actor = anonymous(request.id);
    const deps = depsOf(app.ctx);
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      const actor = await authenticate(bearer, deps, app.ctx.clock(), request.id);
      if (actor?.sessionKind === "bearer") request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined) return;
    const actor = await authenticate(cookie, deps, app.ctx.clock(), request.id);
    if (actor?.sessionKind !== "cookie" || actor.sessionId === undefined) return;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      const expected = csrfTokenFor(app.ctx.secrets, actor.sessionId);
      if (typeof sent !== "string" || !sameToken(sent, expected))
        throw new AppError("FORBIDDEN", "identity.csrf");
    }
    request.actor = actor;
  });
}
