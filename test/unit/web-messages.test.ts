import { describe, expect, it } from "vitest";
import { WEB_CATALOGS, WEB_LOCALES, dirOf, translator } from "../../src/web/i18n/messages.js";
import { codeProblem } from "../../src/web/portal/islands/RegisterForm.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("web interface strings", () => {
  it("has every key in every locale, non-empty, with the same placeholders as Chinese", () => {
    const zh = WEB_CATALOGS["zh-CN"];
    for (const locale of WEB_LOCALES) {
      const catalog = WEB_CATALOGS[locale];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(zh).sort());
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(zh[key as keyof typeof zh]));
      }
    }
  });

  it("English and Uyghur are translations, not copies of the Chinese", () => {
    const zh = WEB_CATALOGS["zh-CN"];
    for (const locale of ["en", "ug"] as const) {
      const same = Object.entries(WEB_CATALOGS[locale]).filter(([k, v]) => zh[k as keyof typeof zh] === v);
      expect(same, locale).toEqual([]);
    }
  });

  it("fills placeholders and writes Uyghur right to left", () => {
    expect(translator("en")("search.resultsFor", { q: "tax", n: 3 })).toBe("Results for “tax”: 3");
    expect(dirOf("ug")).toBe("rtl");
    expect(dirOf("zh-CN")).toBe("ltr");
  });
});

describe("registration code check (the same rules as the server)", () => {
  it("names the problem of a citizen ID number", () => {
    expect(codeProblem("person", "")).toBe("form.required");
    expect(codeProblem("person", "65310119900315201")).toBe("register.id.length");
    expect(codeProblem("person", "653101199003152016")).toBe("register.id.check");
    expect(codeProblem("person", "653101199013152015")).toBe("register.id.birthDate");
    expect(codeProblem("person", "653101199003152015")).toBeNull();
    expect(codeProblem("person", "11010519491231002x")).toBeNull();
  });

  it("checks an enterprise's credit code", () => {
    expect(codeProblem("enterprise", "91653101MB900001X1")).toBeNull();
    expect(codeProblem("enterprise", "91653101MB900001X2")).toBe("register.credit.invalid");
  });
});
