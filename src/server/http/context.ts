import type { Db, DatabaseKind } from "../db/db.js";
import type { Config } from "../config.js";
import type { Actor } from "../actor.js";
import type { Secrets } from "../security/secrets.js";

/** What every route can reach: the database and configuration. No service locator beyond this. */
export interface AppContext {
  db: Db;
  databaseKind: DatabaseKind;
  config: Config;
  secrets: Secrets;
  /** The clock of the app (tests fix it); deadlines and "today" come from it. */
  clock: () => Date;
}

/** What services that need more than the database get: `(actor, input, deps)`. */
export type Deps = Pick<AppContext, "db" | "secrets"> & {
  /** The clock; tests pass a fixed one. Defaults to the system time. */
  now?: () => Date;
};

/** The dependencies route handlers pass to services. */
export function depsOf(ctx: AppContext): Deps {
  return { db: ctx.db, secrets: ctx.secrets, now: ctx.clock };
}

export function nowOf(deps: Deps): Date {
  return deps.now?.() ?? new Date();
}

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** Anonymous until identity (issue 3) authenticates the request. */
    actor: Actor;
  }
}
