import type { Db, DatabaseKind } from "../db/db.js";
import type { Config } from "../config.js";
import type { Actor } from "../actor.js";

/** What every route can reach: the database and configuration. No service locator beyond this. */
export interface AppContext {
  db: Db;
  databaseKind: DatabaseKind;
  config: Config;
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
