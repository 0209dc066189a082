import type { Kysely } from "kysely";
import { ITEM_TYPES, type ItemTypeCode } from "../../../shared/catalog.js";
import { AppError } from "../../../shared/errors.js";
import { translate, type Locale } from "../../../shared/i18n/messages.js";
import { regionAncestry } from "../../../shared/regions.js";
import { requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { assertCan } from "../../access/access.policy.js";
import {
  basicItemName,
  deleteSearchGuide,
  guidesOfTerms,
  insertFaq,
  listFaqs,
  listIndexableGuides,
  ilikeGuides,
  loadTerms,
  readGeneration,
  refreshTermPopularity,
  upsertSearchGuide,
  upsertTerm,
  type GuideFilter,
} from "./search.queries.js";
import { TermIndex, type RankedTerm, type TermRow } from "./search.index.js";
import { documentTokens, normalizeText, planQuery, type QueryPlan } from "./search.text.js";

/**
 * The seam where "one thing" bundles (issue: bundles) join search results: a provider that, given
 * the query plan, returns matching bundles. Until bundles land, none is registered.
 */
export interface BundleSearchProvider {
  search(db: Kysely<Database>, plan: QueryPlan, limit: number): Promise<BundleHit[]>;
}
export interface BundleHit {
  code: string;
  name: string;
  score: number;
}
let bundleProvider: BundleSearchProvider | undefined;
export function registerBundleSearchProvider(p: BundleSearchProvider | undefined): void {
  bundleProvider = p;
}

/** Each database's ranker and the generation it was built from (tests open several databases). */
const rankers = new WeakMap<Kysely<Database>, { generation: number; checkedAt: number; index: TermIndex }>();

/** Another instance's change is seen within this long; this instance's own changes at once. */
export const GENERATION_CHECK_MS = 1000;

async function rankerOf(db: Kysely<Database>): Promise<TermIndex> {
  const cached = rankers.get(db);
  const at = Date.now();
  if (cached !== undefined && at - cached.checkedAt < GENERATION_CHECK_MS) return cached.index;
  const generation = await readGeneration(db);
  if (cached !== undefined && cached.generation === generation) {
    cached.checkedAt = at;
    return cached.index;
  }
  const index = new TermIndex(await loadTerms(db));
  rankers.set(db, { generation, checkedAt: at, index });
  return index;
}

/** This instance changed the terms: rebuild the ranker on the next query. */
function invalidateRanker(db: Kysely<Database>): void {
  rankers.delete(db);
}

async function rankTerms(
  db: Kysely<Database>,
  p: QueryPlan & { kinds: TermRow["kind"][]; limit: number },
): Promise<RankedTerm[]> {
  return (await rankerOf(db)).rank(p, p.kinds, p.limit);
}

/** The key of an item name in the index: normalised, spaces removed. */
function termKey(name: string): string {
  return normalizeText(name).replace(/\s+/g, "");
}

type IndexableGuide = Awaited<ReturnType<typeof listIndexableGuides>>[number];

async function indexRows(db: Kysely<Database>, rows: IndexableGuide[], termIds: Map<string, number>) {
  for (const g of rows) {
    if (g.status !== "active") {
      await deleteSearchGuide(db, g.id);
      continue;
    }
    const key = termKey(g.name);
    let termId = termIds.get(key);
    if (termId === undefined) {
      termId = await upsertTerm(db, {
        kind: "item",
        key,
        title: g.name,
        body: "",
        ref: g.basic_code,
        ...documentTokens(g.name),
      });
      termIds.set(key, termId);
    }
    await upsertSearchGuide(db, {
      entry_id: g.id,
      code: g.code,
      term_id: termId,
      name: g.name,
      agency_id: g.agency_id,
      agency_name: g.agency_name ?? "",
      region_code: g.region_code,
      item_type: g.item_type,
      line_code: g.line_code,
      tags: g.tags,
      popularity: g.popularity,
    });
  }
}

/**
 * Rebuilds the whole index from the published catalog and the FAQ (seed, or a repair). Idempotent.
 * @returns how many guides and FAQ entries were indexed.
 */
export async function rebuildSearchIndex(db: Kysely<Database>): Promise<{ guides: number; faqs: number }> {
  const termIds = new Map<string, number>();
  let after = 0;
  let guides = 0;
  for (;;) {
    const rows = await listIndexableGuides(db, { afterId: after, limit: 500 });
    if (rows.length === 0) break;
    await db.transaction().execute((trx) => indexRows(trx, rows, termIds));
    guides += rows.filter((r) => r.status === "active").length;
    after = rows[rows.length - 1]!.id;
  }
  const faqs = await listFaqs(db);
  for (const f of faqs) await indexFaq(db, f);
  await refreshTermPopularity(db);
  invalidateRanker(db);
  return { guides, faqs: faqs.length };
}

/**
 * Rebuilds the index on request (platform admin).
 * @throws AppError UNAUTHENTICATED, FORBIDDEN.
 */
export async function reindexSearch(actor: Actor, deps: Deps) {
  assertCan(actor, "admin.manage", { regionCode: "65" });
  const result = await rebuildSearchIndex(deps.db);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "search.reindex",
      entityType: "search_index",
      entityId: null,
      after: result,
      requestId: actor.requestId ?? null,
    }),
  );
  return result;
}

/** Keeps one guide in step with the catalog (the job enqueued on publication or abolition). */
export async function indexGuide(db: Kysely<Database>, code: string): Promise<void> {
  const rows = await listIndexableGuides(db, { code, afterId: 0, limit: 1 });
  await db.transaction().execute((trx) => indexRows(trx, rows, new Map()));
  invalidateRanker(db);
}

async function indexFaq(
  db: Kysely<Database>,
  f: { id: number; basic_code: string; question: string; answer: string },
): Promise<void> {
  await upsertTerm(db, {
    kind: "faq",
    key: String(f.id),
    title: f.question,
    body: f.answer,
    ref: f.basic_code,
    ...documentTokens(f.question, f.answer),
  });
}

export interface SearchInput {
  q: string;
  region?: string;
  type?: string;
  agency?: number;
  tag?: string;
  limit: number;
}

function planOrFail(q: string): QueryPlan {
  const plan = planQuery(q);
  if (plan.tokens.length === 0)
    throw new AppError("VALIDATION_FAILED", "search.emptyQuery", {}, [
      { path: "q", message: "search.emptyQuery" },
    ]);
  return plan;
}

function filterOf(input: Omit<SearchInput, "q" | "limit">): GuideFilter {
  return {
    ...(input.region === undefined
      ? {}
      : {
          regionWithin: input.region,
          regionAncestors: regionAncestry(input.region).filter((c) => c !== input.region),
        }),
    ...(input.type === undefined ? {} : { itemType: input.type }),
    ...(input.agency === undefined ? {} : { agencyId: input.agency }),
    ...(input.tag === undefined ? {} : { tag: input.tag }),
  };
}

function guideDto(g: Awaited<ReturnType<typeof guidesOfTerms>>[number]) {
  return {
    code: g.code,
    name: g.name,
    agencyId: g.agency_id,
    agencyName: g.agency_name,
    regionCode: g.region_code,
    itemType: g.item_type,
    itemTypeName: ITEM_TYPES[g.item_type as ItemTypeCode] ?? g.item_type,
    tags: g.tags,
    popularity: g.popularity,
    score: Math.round(g.score * 100) / 100,
  };
}

/**
 * 智能搜索: guides ranked by relevance (words, bigrams, synonyms, pinyin) and popularity, filtered by
 * region (the region, its subtree and the levels above it), type, agency and tag; FAQ answers and
 * (through the seam) bundles alongside. Public.
 * @throws AppError VALIDATION_FAILED for a query without searchable content.
 */
export async function search(input: SearchInput, deps: Deps) {
  const plan = planOrFail(input.q);
  const ranker = await rankerOf(deps.db);
  const ranked = ranker.rank(plan, ["item"], 50);
  // Names far below the best are noise (one shared bigram); fetch guides name by name in small
  // chunks, best first, until the page is full.
  const best = ranked[0]?.score ?? 0;
  const terms = ranked.filter((t) => t.score >= best * 0.3);
  const filter = filterOf(input);
  const guides: Awaited<ReturnType<typeof guidesOfTerms>> = [];
  for (let i = 0, size = 4; i < terms.length && guides.length < input.limit; i += size, size *= 2) {
    const chunk = terms.slice(i, i + size);
    guides.push(
      ...(await guidesOfTerms(
        deps.db,
        chunk.map((t) => t.id),
        chunk.map((t) => t.score),
        filter,
        input.limit - guides.length,
      )),
    );
  }
  const faqs = ranker.rank(plan, ["faq"], 5);
  const bundles = bundleProvider === undefined ? [] : await bundleProvider.search(deps.db, plan, 5);
  return {
    query: input.q,
    expansions: plan.expansions.map((e) => ({ phrase: e.phrase, terms: [...e.terms] })),
    guides: guides.map(guideDto),
    faqs: faqs.map((f) => ({ id: Number(f.key), question: f.title, answer: f.body, basicCode: f.ref ?? "" })),
    bundles,
  };
}

/**
 * "我要办" navigation: a plain-language need → the items to do (best guide per item in the
 * applicant's region) and bundles, each with a short explanation of why.
 * @throws AppError VALIDATION_FAILED for a need without searchable content.
 */
export async function navigate(input: { need: string; region?: string; locale?: Locale }, deps: Deps) {
  const plan = planOrFail(input.need);
  const locale = input.locale ?? "zh-CN";
  const terms = (await rankTerms(deps.db, { kinds: ["item"], ...plan, limit: 20 })).filter(
    (t) => t.score >= 2.5,
  );
  const steps = [];
  for (const t of terms.slice(0, 5)) {
    const [best] = await guidesOfTerms(deps.db, [t.id], [t.score], filterOf(input), 1);
    const expansion = plan.expansions.find((e) =>
      e.terms.some((x) => t.title.includes(x) || x.includes(t.title)),
    );
    const because =
      expansion !== undefined
        ? translate("search.becauseSynonym", locale, { phrase: expansion.phrase, item: t.title })
        : translate("search.becauseWords", locale, {
            words: plan.words.filter((w) => t.title.includes(w)).join("、") || input.need,
            item: t.title,
          });
    steps.push({ item: t.title, because, guide: best === undefined ? null : guideDto(best) });
  }
  const bundles = bundleProvider === undefined ? [] : await bundleProvider.search(deps.db, plan, 3);
  const summary =
    steps.length === 0
      ? translate("search.nothingFound", locale, { need: input.need })
      : translate("search.navigationSummary", locale, {
          need: input.need,
          items: steps.map((s) => s.item).join("、"),
        });
  return { need: input.need, summary, steps, bundles };
}

/** The FAQ of one basic item. */
export async function listItemFaqs(basicCode: string, deps: Deps) {
  const rows = await listFaqs(deps.db, basicCode);
  return {
    items: rows.map((f) => ({ id: f.id, question: f.question, answer: f.answer, basicCode: f.basic_code })),
  };
}

/**
 * Adds a question and answer to an item's FAQ (catalog editors of any agency holding the item's
 * line; admins), indexed at once for search.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (unknown basic item).
 */
export async function addFaq(
  actor: Actor,
  input: { basicCode: string; question: string; answer: string },
  deps: Deps,
) {
  const user = requireUser(actor);
  const name = await basicItemName(deps.db, input.basicCode);
  if (name === undefined) throw new AppError("NOT_FOUND", "search.itemNotFound", { code: input.basicCode });
  const isEditor = user.grants.some((g) => g.role === "catalog_editor" || g.role === "admin");
  if (!isEditor) assertCan(actor, "admin.manage", { regionCode: "65" });
  const now = nowOf(deps);
  const added = await deps.db.transaction().execute(async (trx) => {
    const f = await insertFaq(trx, {
      basic_code: input.basicCode,
      question: input.question,
      answer: input.answer,
      created_by: user.id,
      created_at: now,
    });
    await indexFaq(trx, f);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "search.faq.add",
      entityType: "item_faq",
      entityId: String(f.id),
      after: { basicCode: input.basicCode, question: input.question },
      requestId: actor.requestId ?? null,
    });
    return { id: f.id, question: f.question, answer: f.answer, basicCode: f.basic_code };
  });
  invalidateRanker(deps.db);
  return added;
}

/** For the benchmark: the plain substring scan over guide names that search is compared with. */
export async function ilikeBaseline(db: Kysely<Database>, q: string, limit: number) {
  return ilikeGuides(db, q, limit);
}

/** For the benchmark: a freshly built ranker and one trivial round trip (the noise floor). */
export async function buildRanker(db: Kysely<Database>): Promise<TermIndex> {
  return new TermIndex(await loadTerms(db));
}
export async function searchGeneration(db: Kysely<Database>): Promise<number> {
  return readGeneration(db);
}
