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
}

/** What services that need more than the database get: `(actor, input, deps)`. */
export type Deps = Pick<AppContext, "db" | "secrets">;

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** Anonymous until identity (issue 3) authenticates the request. */
    actor: Actor;
  }
}
