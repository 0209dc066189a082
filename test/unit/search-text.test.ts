import { describe, expect, it } from "vitest";
import { TermIndex, type TermRow } from "../../src/server/modules/search/search.index.js";
import { STOP_WORDS, SYNONYMS } from "../../src/server/modules/search/search.synonyms.js";
import {
  documentTokens,
  hanBigrams,
  initialsOf,
  normalizeText,
  pinyinOf,
  planQuery,
  segmentWords,
} from "../../src/server/modules/search/search.text.js";

describe("segmentation and normalisation", () => {
  it("segments Chinese into words and drops punctuation", () => {
    expect(segmentWords("食品（含保健食品）经营许可")).toEqual([
      "食品",
      "含",
      "保健",
      "食品",
      "经营",
      "许可",
    ]);
    expect(normalizeText("ＡＢＣ（变更）")).toBe("abc 变更");
  });

  it("makes bigrams only inside runs of Han characters", () => {
    expect(hanBigrams("出生 登记")).toEqual(["出生", "登记"]);
    expect(hanBigrams("出生登记")).toEqual(["出生", "生登", "登记"]);
  });
});

describe("pinyin", () => {
  it("gives toneless pinyin and initials", () => {
    expect(pinyinOf("婚姻登记")).toBe("hunyindengji");
    expect(initialsOf("婚姻登记")).toBe("hydj");
  });

  it("keeps pinyin and initials from every word boundary on, for prefix matching", () => {
    const d = documentTokens("内地居民结婚登记");
    expect(d.initials).toContain(" jhdj");
    expect(d.pinyin).toContain(" jiehundengji");
    expect(d.tokens).toContain("p:jiehun");
    expect(d.tokens).toContain("w:登记");
  });
});

describe("query plans", () => {
  it("removes stop words from a plain-language need", () => {
    const p = planQuery("我想办理结婚登记");
    expect(p.words).not.toContain("我想");
    expect(p.words).not.toContain("办理");
    expect(p.tokens).toContain("w:结婚");
  });

  it("expands colloquial names into catalog words, also with filler characters in between", () => {
    const p = planQuery("我想开个饭店");
    expect(p.expansions.map((e) => e.phrase)).toContain("开饭店");
    expect(p.phrases).toContain("食品经营许可");
    expect(p.tokens).toContain("w:经营");
  });

  it("lets overlapping colloquial phrases all count, but not one inside a longer match", () => {
    const p = planQuery("办社保卡");
    expect(p.expansions.map((e) => e.phrase).sort()).toEqual(["办社保", "社保卡"]);
    const q = planQuery("办残疾证");
    expect(q.expansions.map((e) => e.phrase)).toEqual(["办残疾证"]);
  });

  it("treats Latin input as pinyin", () => {
    const p = planQuery("Jie Hun");
    expect(p.latin).toBe("jiehun");
    expect(p.tokens).toEqual(["p:jiehun"]);
  });

  it("has nothing to search in stop words alone", () => {
    expect(planQuery("我想要办").tokens).toEqual([]);
  });
});

describe("synonym data", () => {
  it("maps every colloquial phrase to at least one catalog term that is not itself a stop word", () => {
    for (const [k, terms] of Object.entries(SYNONYMS)) {
      expect(k.length).toBeGreaterThanOrEqual(2);
      expect(terms.length).toBeGreaterThan(0);
      for (const t of terms) expect(STOP_WORDS.has(t)).toBe(false);
    }
  });

  it("holds the colloquial names the issue names", () => {
    expect(SYNONYMS["开饭馆"]).toContain("食品经营许可");
    expect(SYNONYMS["上户口"]).toContain("出生登记");
    expect(SYNONYMS["领证"]).toContain("婚姻登记");
  });
});

function row(id: number, title: string, popularity = 0, kind: TermRow["kind"] = "item"): TermRow {
  return { id, kind, key: title, title, body: "", ref: null, popularity, ...documentTokens(title) };
}

describe("ranking", () => {
  const index = new TermIndex([
    row(1, "内地居民结婚登记"),
    row(2, "就业登记", 500),
    row(3, "生育登记"),
    row(4, "食品（含保健食品）经营许可"),
    row(5, "企业设立登记"),
    row(6, "企业注销登记"),
    row(7, "结婚登记常见问题", 0, "faq"),
  ]);
  const titles = (q: string, kinds: TermRow["kind"][] = ["item"]) =>
    index.rank(planQuery(q), kinds, 3).map((r) => r.title);

  it("puts the exact name first, even against a more popular name sharing words", () => {
    expect(titles("企业注销登记")[0]).toBe("企业注销登记");
    expect(titles("结婚登记")[0]).toBe("内地居民结婚登记");
  });

  it("finds colloquial names, typos, pinyin and initials", () => {
    expect(titles("领证")[0]).toBe("内地居民结婚登记");
    expect(titles("开饭馆")).toContain("食品（含保健食品）经营许可");
    expect(titles("食品经宫许可")[0]).toBe("食品（含保健食品）经营许可");
    expect(titles("jhdj")[0]).toBe("内地居民结婚登记");
    expect(titles("shipin")[0]).toBe("食品（含保健食品）经营许可");
  });

  it("breaks ties by popularity", () => {
    const r = index.rank(planQuery("登记"), ["item"], 10);
    const jiuye = r.findIndex((x) => x.title === "就业登记");
    const shengyu = r.findIndex((x) => x.title === "生育登记");
    expect(jiuye).toBeLessThan(shengyu);
  });

  it("keeps kinds apart and is repeatable (scratch scores are reset)", () => {
    expect(titles("结婚登记", ["faq"])).toEqual(["结婚登记常见问题"]);
    expect(titles("结婚登记")).toEqual(titles("结婚登记"));
    expect(index.rank(planQuery("火星签证"), ["item"], 3)).toEqual([]);
  });
});
