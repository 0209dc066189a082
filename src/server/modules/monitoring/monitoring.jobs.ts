import { z } from "zod";
import { defineJob } from "../../jobs/jobs.registry.js";
import { foldStatistics } from "./monitoring.service.js";

/** The statistics aggregates kept current: pending changes folded every minute (migration 0014). */
export const foldStatisticsJob = defineJob({
  name: "monitoring.fold_statistics",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const folded = await foldStatistics(ctx.db);
    if (folded > 0) ctx.log.info({ folded }, "statistics aggregates folded");
  },
});
