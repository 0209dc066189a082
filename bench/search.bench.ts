/**
 * Search benchmark (issue 11): Xinjiang-scale catalog data, our token-index search against a plain
 * ILIKE scan over guide names in the same run, on PostgreSQL (1,000,000 guides, a dedicated
 * database created and dropped on DATABASE_URL's server) and on PGlite (100,000 guides, in memory).
 *
 *   npm run bench:search                    # both (PostgreSQL from BENCH_DATABASE_URL or 127.0.0.1:5432)
 *   BENCH_PG_GUIDES=200000 npm run bench:search
 *   BENCH_SKIP_PG=1 / BENCH_SKIP_PGLITE=1
 *
 * Prints p50 / p99 in milliseconds; the target is p99 ≤ 30 ms on PostgreSQL at full size.
 */
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../src/server/db/db.js";
import { migrate } from "../src/server/db/migrate.js";
import {
  buildRanker,
  ilikeBaseline,
  search,
  searchGeneration,
} from "../src/server/modules/search/search.service.js";
import { documentTokens, planQuery } from "../src/server/modules/search/search.text.js";
import { createSecrets, randomMasterKey } from "../src/server/security/secrets.js";

const TARGET_P99_MS = 30;

const OBJECTS = [
  "食品",
  "保健食品",
  "药品",
  "医疗器械",
  "化妆品",
  "特种设备",
  "危险化学品",
  "烟花爆竹",
  "种子",
  "农药",
  "兽药",
  "饲料",
  "肥料",
  "林木种苗",
  "草种",
  "渔业船舶",
  "道路运输",
  "出租汽车",
  "网约车",
  "机动车驾驶员培训",
  "建筑施工",
  "房地产开发",
  "物业服务",
  "燃气经营",
  "供水",
  "排水",
  "城市道路",
  "户外广告",
  "建筑垃圾",
  "园林绿化",
  "民办学校",
  "幼儿园",
  "校外培训",
  "职业技能培训",
  "人力资源服务",
  "劳务派遣",
  "社会团体",
  "民办非企业单位",
  "基金会",
  "养老机构",
  "医疗机构",
  "诊所",
  "母婴保健",
  "放射诊疗",
  "公共场所卫生",
  "生活饮用水",
  "职业病诊断",
  "献血",
  "中医诊所",
  "护士执业",
  "医师执业",
  "律师执业",
  "公证员",
  "司法鉴定",
  "基层法律服务",
  "宗教活动场所",
  "出版物经营",
  "印刷经营",
  "音像制品",
  "电影放映",
  "营业性演出",
  "娱乐场所",
  "互联网上网服务",
  "旅行社",
  "导游",
  "文物保护单位",
  "博物馆",
  "体育经营",
  "游泳场所",
  "高危险性体育项目",
  "采矿权",
  "探矿权",
  "建设用地",
  "不动产",
  "林地",
  "草原",
  "取水",
  "河道采砂",
  "水土保持",
  "排污",
  "环境影响评价",
  "辐射安全",
  "危险废物",
  "固体废物",
  "建设工程规划",
  "建设工程施工",
  "消防设计",
  "消防验收",
  "人防工程",
  "气象设施",
  "雷电防护",
  "无线电台",
  "电信业务",
  "快递业务",
  "成品油零售",
  "粮食收购",
  "酒类经营",
  "烟草专卖零售",
  "拍卖企业",
  "典当行",
  "对外贸易经营者",
  "报关单位",
  "外商投资企业",
  "个体工商户",
  "农民专业合作社",
  "企业",
  "分公司",
  "合伙企业",
  "个人独资企业",
  "商标",
  "专利",
  "计量器具",
  "检验检测机构",
  "认证机构",
  "广告发布",
  "价格",
  "会计师事务所",
  "资产评估机构",
  "税务",
  "社会保险",
] as const;
const ACTIONS = [
  "经营许可",
  "生产许可",
  "设立登记",
  "变更登记",
  "注销登记",
  "备案",
  "审批",
  "核准",
  "资质认定",
  "执业注册",
  "许可证延续",
  "许可证补办",
  "年度报告",
  "检查",
  "行政处罚",
  "行政强制",
  "证明开具",
  "信息查询",
  "补贴发放",
  "奖励",
  "资格认定",
  "登记证换发",
  "使用登记",
  "安装告知",
  "验收",
  "评价",
  "监测",
  "抽检",
  "投诉处理",
  "信用修复",
  "规划许可",
  "施工许可",
  "竣工验收备案",
  "不动产权登记",
  "抵押登记",
  "预告登记",
  "异议登记",
  "更正登记",
  "查封登记",
  "地役权登记",
] as const;
const SUFFIXES = ["", "（新办）", "（变更）", "（延续）"] as const;

/** The queries: colloquial needs, exact names, partial names, typos and pinyin. */
const QUERIES = [
  "开饭馆",
  "我想开个饭店",
  "上户口",
  "领证",
  "开公司",
  "刻章",
  "办社保卡",
  "提取公积金",
  "买房过户",
  "退休",
  "食品经营许可",
  "药品经营许可（变更）",
  "特种设备使用登记",
  "建设工程规划许可",
  "旅行社设立登记",
  "民办学校审批",
  "医疗器械",
  "燃气经营",
  "户外广告审批",
  "采矿权登记",
  "出租汽车",
  "危险化学品经营许可",
  "养老机构备案",
  "食品经宫许可",
  "特种设被使用登记",
  "律师执叶注册",
  "shipin",
  "yaopin jingying",
  "tzsb",
  "lvxingshe",
  "jyxk",
  "幼儿园设立",
  "人力资源服务许可",
  "排污许可",
  "快递业务经营许可",
  "酒类经营备案",
  "典当行设立",
  "导游执业",
  "网约车",
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function names(): string[] {
  const out: string[] = [];
  for (const o of OBJECTS) for (const a of ACTIONS) for (const s of SUFFIXES) out.push(`${o}${a}${s}`);
  return out;
}

const PREFECTURES = [
  "01",
  "02",
  "04",
  "05",
  "21",
  "22",
  "23",
  "27",
  "28",
  "29",
  "30",
  "31",
  "32",
  "40",
  "42",
  "43",
];

async function generate(h: DatabaseHandle, guides: number): Promise<{ terms: number; seconds: number }> {
  const t0 = performance.now();
  const all = names();
  for (let i = 0; i < all.length; i += 1000) {
    const rows = all.slice(i, i + 1000).map((title) => ({
      kind: "item" as const,
      key: title,
      title,
      body: "",
      ref: null,
      ...documentTokens(title),
    }));
    await h.db.insertInto("search_terms").values(rows).execute();
  }
  // Guides: skewed over names (popular items implemented everywhere), 2 % at 自治区, 10 % at
  // prefectures, the rest at counties; popularity long-tailed.
  await sql`
    with t as (select array_agg(id order by id) as ids, array_agg(title order by id) as titles, count(*)::int as n from search_terms),
    p as (select array[${sql.join(PREFECTURES.map((x) => sql.lit(x)))}]::text[] as pre)
    insert into search_guides (entry_id, code, term_id, name, agency_id, agency_name, region_code, item_type, line_code, tags, popularity)
    select g.i, lpad(g.i::text, 31, '0'), t.ids[g.k], t.titles[g.k], 1 + (g.i % 5000), '机构' || (g.i % 5000),
      case when g.r < 0.02 then '65'
           when g.r < 0.12 then '65' || p.pre[1 + (g.i % 16)]
           else '65' || p.pre[1 + (g.i % 16)] || lpad((1 + (g.i / 16) % 12)::text, 2, '0') end,
      lpad(((g.i % 11))::text, 2, '0'), null,
      case when g.i % 3 = 0 then array['fully_online'] else '{}'::text[] end,
      floor(power(random(), 4) * 10000)::int
    from t, p,
      lateral (select s.i, 1 + floor(power(random(), 2) * t.n)::int as k, random() as r from generate_series(1, ${guides}) as s(i)) g`.execute(
    h.db,
  );
  await sql`analyze search_terms`.execute(h.db);
  await sql`analyze search_guides`.execute(h.db);
  return { terms: all.length, seconds: (performance.now() - t0) / 1000 };
}

async function measure(h: DatabaseHandle, rounds: number, baselineRounds: number) {
  const deps = { db: h.db, secrets: createSecrets(randomMasterKey()) };
  const variants = QUERIES.flatMap((q) => [{ q }, { q, region: "653101" }]);
  for (const v of variants.slice(0, 10)) await search({ ...v, limit: 20 }, deps); // warm-up
  const ours: number[] = [];
  let hits = 0;
  for (let r = 0; r < rounds; r++)
    for (const v of variants) {
      const t = performance.now();
      const res = await search({ ...v, limit: 20 }, deps);
      ours.push(performance.now() - t);
      if (r === 0 && res.guides.length > 0) hits++;
    }
  const base: number[] = [];
  let baseHits = 0;
  for (let r = 0; r < baselineRounds; r++)
    for (const q of QUERIES) {
      const core = planQuery(q).words.join("") || q;
      const t = performance.now();
      const res = await ilikeBaseline(h.db, core, 20);
      base.push(performance.now() - t);
      if (r === 0 && res.length > 0) baseHits++;
    }
  // Where the time goes: the in-memory ranking alone, and one database round trip for comparison.
  const index = await buildRanker(h.db);
  const rank: number[] = [];
  const trip: number[] = [];
  for (const v of variants) {
    const plan = planQuery(v.q);
    const t = performance.now();
    index.rank(plan, ["item"], 50);
    rank.push(performance.now() - t);
    const t2 = performance.now();
    await searchGeneration(h.db);
    trip.push(performance.now() - t2);
  }
  rank.sort((a, b) => a - b);
  trip.sort((a, b) => a - b);
  ours.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  return {
    rank: { p50: pct(rank, 50), p99: pct(rank, 99) },
    trip: { p50: pct(trip, 50), p99: pct(trip, 99) },
    ours: { n: ours.length, p50: pct(ours, 50), p99: pct(ours, 99), hits, of: variants.length },
    base: { n: base.length, p50: pct(base, 50), p99: pct(base, 99), hits: baseHits, of: QUERIES.length },
  };
}

function print(
  label: string,
  guides: number,
  gen: { terms: number; seconds: number },
  m: Awaited<ReturnType<typeof measure>>,
  target?: number,
) {
  const f = (x: number) => x.toFixed(2).padStart(8);
  console.log(
    `\n== ${label}: ${guides.toLocaleString("en")} guides, ${gen.terms.toLocaleString("en")} distinct item names (generated in ${gen.seconds.toFixed(1)} s)`,
  );
  console.log(
    `   token-index search   n=${String(m.ours.n).padStart(4)}  p50 ${f(m.ours.p50)} ms  p99 ${f(m.ours.p99)} ms  queries with results ${m.ours.hits}/${m.ours.of}`,
  );
  console.log(
    `   ILIKE scan baseline  n=${String(m.base.n).padStart(4)}  p50 ${f(m.base.p50)} ms  p99 ${f(m.base.p99)} ms  queries with results ${m.base.hits}/${m.base.of}`,
  );
  console.log(
    `   of which in-memory ranking p50 ${f(m.rank.p50)} ms  p99 ${f(m.rank.p99)} ms; one trivial query p50 ${f(m.trip.p50)} ms  p99 ${f(m.trip.p99)} ms`,
  );
  if (target !== undefined)
    console.log(
      `   target p99 ≤ ${target} ms: ${m.ours.p99 <= target ? "met" : "NOT met"} (${m.ours.p99.toFixed(2)} ms)`,
    );
}

async function admin(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function main() {
  const pgGuides = Number(process.env.BENCH_PG_GUIDES ?? 1_000_000);
  const liteGuides = Number(process.env.BENCH_PGLITE_GUIDES ?? 100_000);
  if (process.env.BENCH_SKIP_PG !== "1") {
    const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `tongban_bench_search_${process.pid}`;
    await admin(url, `create database "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const h = await openDatabase({ kind: "postgres", url: u.toString(), poolMax: 4 });
    try {
      await migrate(h.db);
      const gen = await generate(h, pgGuides);
      print("PostgreSQL 15", pgGuides, gen, await measure(h, 5, 1), TARGET_P99_MS);
    } finally {
      await h.close();
      await admin(url, `drop database if exists "${name}" with (force)`);
    }
  }
  if (process.env.BENCH_SKIP_PGLITE !== "1") {
    const h = await openDatabase({ kind: "pglite-memory" });
    try {
      await migrate(h.db);
      const gen = await generate(h, liteGuides);
      print("PGlite (PG 18, in memory)", liteGuides, gen, await measure(h, 3, 1));
    } finally {
      await h.close();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
