import type { QueryPlan } from "./search.text.js";

/**
 * The in-memory ranker over the distinct searchable texts (item names, FAQ entries): an inverted
 * index token → texts, built from the `search_terms` table (the source of truth, shared by all
 * instances) and rebuilt when its generation changes. A million guides share a few ten thousand
 * names, so this stays small (measured in bench/search.bench.ts) and ranks in well under a
 * millisecond; the guides of the best names are then fetched from PostgreSQL by index.
 */
export interface TermRow {
  id: number;
  kind: "item" | "faq" | "bundle";
  key: string;
  title: string;
  body: string;
  ref: string | null;
  tokens: string[];
  pinyin: string;
  initials: string;
  popularity: number;
}

export interface RankedTerm {
  id: number;
  kind: TermRow["kind"];
  key: string;
  title: string;
  body: string;
  ref: string | null;
  popularity: number;
  score: number;
}

/** The scoring: token weights, +5 per phrase in the title, +4 for a pinyin/initials prefix match,
 * popularity (log) and a slight preference for short titles. */
export const PHRASE_BONUS = 5;
export const LATIN_BONUS = 4;

export class TermIndex {
  readonly #rows: TermRow[];
  readonly #postings = new Map<string, number[]>();
  /** Every pinyin / initials suffix (word boundary onwards), sorted, for prefix lookups. */
  readonly #latin: { s: string; i: number }[] = [];
  /** Scratch scores, reused: ranking is synchronous, so no two calls interleave. */
  readonly #scores: Float64Array;

  constructor(rows: TermRow[]) {
    this.#rows = rows;
    this.#scores = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      for (const t of r.tokens) {
        const list = this.#postings.get(t);
        if (list === undefined) this.#postings.set(t, [i]);
        else list.push(i);
      }
      for (const form of [r.pinyin, r.initials])
        for (const s of form.split(" ")) if (s !== "") this.#latin.push({ s, i });
    });
    this.#latin.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  }

  /** Terms with a pinyin or initials suffix starting with `prefix` (binary search, then a walk). */
  #latinMatches(prefix: string): Set<number> {
    let lo = 0;
    let hi = this.#latin.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#latin[mid]!.s < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out = new Set<number>();
    for (let k = lo; k < this.#latin.length && this.#latin[k]!.s.startsWith(prefix); k++)
      out.add(this.#latin[k]!.i);
    return out;
  }

  get size(): number {
    return this.#rows.length;
  }

  rank(
    plan: Pick<QueryPlan, "tokens" | "weights" | "phrases" | "latin">,
    kinds: TermRow["kind"][],
    limit: number,
  ): RankedTerm[] {
    const scores = this.#scores;
    const touched: number[] = [];
    const add = (i: number, w: number) => {
      if (scores[i] === 0) touched.push(i);
      scores[i] = scores[i]! + w;
    };
    plan.tokens.forEach((t, k) => {
      for (const i of this.#postings.get(t) ?? []) add(i, plan.weights[k]!);
    });
    if (plan.latin !== null && plan.latin.length > 0)
      for (const i of this.#latinMatches(plan.latin)) add(i, LATIN_BONUS);
    const out: RankedTerm[] = [];
    for (const i of touched) {
      const base = scores[i]!;
      scores[i] = 0;
      const r = this.#rows[i]!;
      if (!kinds.includes(r.kind)) continue;
      let score = base;
      for (const p of plan.phrases) if (r.title.includes(p)) score += PHRASE_BONUS;
      score += Math.log(1 + r.popularity) * 0.3 - [...r.title].length * 0.02;
      out.push({
        id: r.id,
        kind: r.kind,
        key: r.key,
        title: r.title,
        body: r.body,
        ref: r.ref,
        popularity: r.popularity,
        score,
      });
    }
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    return out.slice(0, limit);
  }
}
