import { z } from "zod";
import { defineJob } from "../../jobs/jobs.registry.js";
import { foldOpenCounts, foldStatistics } from "./monitoring.service.js";

/**
 * The statistics aggregates (migration 0014) and the open-case counts (0017) kept current: pending
 * changes folded every minute.
 */
export const foldStatisticsJob = defineJob({
  name: "monitoring.fold_statistics",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const folded = await foldStatistics(ctx.db);
    if (folded > 0) ctx.log.info({ folded }, "statistics aggregates folded");
    const open = await foldOpenCounts(ctx.db);
    if (open > 0) ctx.log.info({ folded: open }, "open-case counts folded");
  },
});
