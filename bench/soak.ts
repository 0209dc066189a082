/**
 * Soak (SPEC §15): the realistic mix against one server for SOAK_SECONDS (default 600), printing the
 * process's memory after each 30-second slice (after a GC when run with --expose-gc), so that a leak
 * shows as a rising line. `npm run bench:soak` (PGlite) or with BENCH_DATABASE_URL (PostgreSQL).
 *
 * The mix adds ~100 cases a second. Between slices the planner's statistics are refreshed (ANALYZE),
 * as autovacuum does in production; this machine's PostgreSQL runs with `autovacuum = off`
 * (conf.d/90-ci.conf), and without it the plans stay those of an empty database while the tables grow.
 */
import autocannon from "autocannon";
import { sql } from "kysely";
import { startBenchServer } from "./load.js";

const TOTAL = Number(process.env.SOAK_SECONDS ?? 600);
const SLICE = Math.min(30, TOTAL);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const s = await startBenchServer();
const mib = (n: number) => (n / 1048576).toFixed(0).padStart(5);
const gc = (globalThis as { gc?: () => void }).gc;
console.log(`soak — ${s.label}, ${CONNECTIONS} connections, ${TOTAL} s, memory after each ${SLICE} s slice`);
const rss: number[] = [];
for (let done = 0; done < TOTAL; done += SLICE) {
  const r = await autocannon({
    url: s.base,
    connections: CONNECTIONS,
    duration: SLICE,
    requests: s.mixCycle,
  });
  await sql`analyze`.execute(s.db);
  gc?.();
  const m = process.memoryUsage();
  rss.push(m.rss);
  console.log(
    `  t=${String(done + SLICE).padStart(4)} s  ${r.requests.average.toFixed(0).padStart(5)} req/s  p99 ${String(r.latency.p99).padStart(5)} ms  non-2xx ${r.non2xx}  rss ${mib(m.rss)} MiB  heap ${mib(m.heapUsed)} MiB  external ${mib(m.external)} MiB`,
  );
}
const first = rss[Math.min(1, rss.length - 1)] ?? 0;
const last = rss[rss.length - 1] ?? 0;
console.log(
  `rss from the second slice to the last: ${mib(first)} → ${mib(last)} MiB (${(((last - first) / first) * 100).toFixed(1)} %)`,
);
await s.close();
