import { verifyAuditChain } from "../server/audit/audit.service.js";
import { migrate } from "../server/db/migrate.js";
import { withDatabase } from "./cli-database.js";

/** `npm run audit:verify`: recomputes the SM3 chains of audit_events; exit 1 at the first broken link. */
await withDatabase(async ({ db }) => {
  await migrate(db);
  const started = Date.now();
  const result = await verifyAuditChain(db);
  const ms = Date.now() - started;
  if (result.isValid) {
    console.log(`审计链完整：已校验 ${result.checked} 条事件（${ms} ms）。`);
    return 0;
  }
  console.error(
    `审计链断裂：链 ${result.firstBroken?.chain} 第 ${result.firstBroken?.place} 条（全局序号 ${result.firstBroken?.seq ?? "—"}）校验失败 —— ${result.firstBroken?.reason}。此前 ${result.checked} 条完好。`,
  );
  return 1;
});
