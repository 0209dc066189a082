import { pinyin } from "pinyin-pro";
import { FILLER_CHARS, STOP_WORDS, SYNONYMS } from "./search.synonyms.js";

/**
 * Chinese text → search tokens (pure). Documents and queries share one vocabulary:
 *   `w:` segmented word (Intl.Segmenter, ICU dictionary), `b:` character bigram (typo tolerance:
 *   one wrong character still leaves most bigrams), `p:` toneless pinyin of a word.
 * The pinyin and initials of a title are kept separately as space-separated suffix strings, so
 * that a prefix of any word boundary ("hunyin", "hydj") is a `like '% q%'` match.
 */

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });
const HAN = /\p{Script=Han}/u;
const LATIN_QUERY = /^[a-z][a-z\s']*$/;

/** NFKC (full-width → half-width), lower case, brackets and punctuation to spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, " ")
    .trim();
}

/** Word segmentation: the word-like segments, in order. */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalizeText(text))) {
    if (s.isWordLike === true) out.push(s.segment);
  }
  return out;
}

/** Character bigrams of every run of Han characters. */
export function hanBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export function pinyinOf(text: string): string {
  return pinyin(text, { toneType: "none", type: "array", nonZh: "removed" }).join("");
}

export function initialsOf(text: string): string {
  return pinyin(text, { pattern: "first", toneType: "none", type: "array", nonZh: "removed" }).join("");
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

export interface DocumentTokens {
  tokens: string[];
  pinyin: string;
  initials: string;
}

/** Tokens of a searchable text: its title (and optional body, words only). */
export function documentTokens(title: string, body = ""): DocumentTokens {
  const words = segmentWords(title).filter((w) => HAN.test(w));
  const tokens = [
    ...words.filter((w) => [...w].length >= 2).map((w) => `w:${w}`),
    ...hanBigrams(title).map((b) => `b:${b}`),
    ...words.filter((w) => [...w].length >= 2).map((w) => `p:${pinyinOf(w)}`),
    ...segmentWords(body)
      .filter((w) => HAN.test(w) && [...w].length >= 2 && !STOP_WORDS.has(w))
      .map((w) => `w:${w}`),
  ];
  const py = words.map(pinyinOf);
  const ini = words.map(initialsOf);
  const suffixes = (parts: string[]) => parts.map((_, i) => parts.slice(i).join("")).filter(Boolean);
  return {
    tokens: uniq(tokens),
    pinyin: ` ${suffixes(py).join(" ")}`,
    initials: ` ${suffixes(ini).join(" ")}`,
  };
}

/** Weights of the kinds of query tokens. */
export const WEIGHTS = { word: 3, bigram: 1, synonymWord: 3, synonymBigram: 0.5, pinyin: 2 } as const;

export interface QueryPlan {
  /** Tokens to look up, with their weight (parallel arrays, for SQL unnest). */
  tokens: string[];
  weights: number[];
  /** Phrases whose presence in a title earns a bonus (the need itself and its expansions). */
  phrases: string[];
  /** A Latin query (pinyin or initials), without spaces; null for Chinese. */
  latin: string | null;
  /** What the synonyms turned the query into, for the explanation. */
  expansions: { phrase: string; terms: readonly string[] }[];
  /** The meaningful words of the query (stop words removed). */
  words: string[];
}

/**
 * Plans a query: words without stop words, bigrams of what remains, synonym expansions (longest
 * colloquial phrase first), and pinyin for Latin input.
 */
export function planQuery(raw: string): QueryPlan {
  const q = normalizeText(raw);
  const weights = new Map<string, number>();
  const add = (token: string, w: number) => weights.set(token, Math.max(weights.get(token) ?? 0, w));
  const phrases: string[] = [];
  const expansions: QueryPlan["expansions"] = [];

  if (LATIN_QUERY.test(q)) {
    const latin = q.replace(/[\s']+/g, "");
    add(`p:${latin}`, WEIGHTS.pinyin);
    return {
      tokens: [...weights.keys()],
      weights: [...weights.values()],
      phrases,
      latin,
      expansions,
      words: [],
    };
  }

  const words = segmentWords(q).filter((w) => !STOP_WORDS.has(w));
  const core = words.join("");
  for (const w of words) if (HAN.test(w) && [...w].length >= 2) add(`w:${w}`, WEIGHTS.word);
  for (const b of hanBigrams(words.join(" "))) add(`b:${b}`, WEIGHTS.bigram);
  // A typo splits a word into single characters: bigrams across adjacent ones still match.
  for (const b of hanBigrams(core)) add(`b:${b}`, WEIGHTS.bigram);
  if ([...core].length >= 2) phrases.push(core);

  // Every colloquial phrase found (overlaps allowed: "办社保卡" is both 办社保 and 社保卡); a
  // phrase inside a longer matched one adds nothing of its own.
  const compact = q.replace(/\s+/g, "");
  const loose = compact.replace(FILLER_CHARS, "");
  const found = Object.keys(SYNONYMS).filter((k) => compact.includes(k) || loose.includes(k));
  const keys = found.filter((k) => !found.some((o) => o !== k && o.includes(k)));
  for (const key of keys) {
    const terms = SYNONYMS[key] ?? [];
    expansions.push({ phrase: key, terms });
    for (const term of terms) {
      phrases.push(normalizeText(term));
      for (const w of segmentWords(term)) if ([...w].length >= 2) add(`w:${w}`, WEIGHTS.synonymWord);
      for (const b of hanBigrams(term)) add(`b:${b}`, WEIGHTS.synonymBigram);
    }
  }
  return {
    tokens: [...weights.keys()],
    weights: [...weights.values()],
    phrases: uniq(phrases),
    latin: null,
    expansions,
    words,
  };
}
