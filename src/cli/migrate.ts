import { migrate, readMigrations } from "../server/db/migrate.js";
import { withDatabase } from "./cli-database.js";

/** `npm run migrate`: applies pending migrations (the server also does this at start). */
await withDatabase(async ({ db, kind }) => {
  const applied = await migrate(db);
  const total = readMigrations().length;
  console.log(
    applied.length === 0
      ? `数据库（${kind}）已是最新：共 ${total} 个迁移。`
      : `已应用迁移 ${applied.map((v) => String(v).padStart(4, "0")).join(", ")}（${kind}），共 ${total} 个。`,
  );
  return 0;
});
