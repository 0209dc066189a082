import { describe, expect, it } from "vitest";
import { ROLE_POLICY } from "../../src/server/access/access.policy.js";
import { parseDays } from "../../src/web/admin/App.js";
import { WEB_LOCALES } from "../../src/web/i18n/messages.js";
import { WB_CATALOGS, wbTranslator } from "../../src/web/i18n/workbench-messages.js";
import {
  byDueDate,
  groupCount,
  mayOpen,
  permissionsOf,
  ROLE_PERMISSIONS,
} from "../../src/web/workbench/roles.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("workbench interface strings", () => {
  it("has every key in every locale, translated, with the same placeholders as Chinese", () => {
    const zh = WB_CATALOGS["zh-CN"];
    for (const locale of WEB_LOCALES) {
      const catalog = WB_CATALOGS[locale];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(zh).sort());
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(zh[key as keyof typeof zh]));
        if (locale !== "zh-CN") expect(text, `${locale} ${key}`).not.toBe(zh[key as keyof typeof zh]);
      }
    }
  });

  it("falls back to the portal's shared strings and fills placeholders", () => {
    const t = wbTranslator("en");
    expect(t("case.title", { number: "6531-1" })).toBe("Case 6531-1");
    expect(t("workbench.title")).toBe("Workbench");
  });
});

describe("which pages a post opens", () => {
  it("mirrors the server's role policy exactly", () => {
    for (const [role, policy] of Object.entries(ROLE_POLICY))
      expect([...(ROLE_PERMISSIONS[role] ?? [])].sort(), role).toEqual([...policy.permissions].sort());
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual(Object.keys(ROLE_POLICY).sort());
  });

  it("gives intake to clerks only, supervision to supervisors and admins, admin to admins", () => {
    const clerk = permissionsOf([{ role: "window_clerk" }]);
    const reviewer = permissionsOf([{ role: "reviewer" }]);
    const supervisor = permissionsOf([{ role: "supervisor" }]);
    const admin = permissionsOf([{ role: "admin" }]);
    const editor = permissionsOf([{ role: "catalog_editor" }]);
    expect(mayOpen(clerk, "/workbench/intake")).toBe(true);
    expect(mayOpen(reviewer, "/workbench/intake")).toBe(false);
    expect(mayOpen(reviewer, "/workbench/cases/abc")).toBe(true);
    expect(mayOpen(editor, "/workbench/cases")).toBe(false);
    expect(mayOpen(clerk, "/workbench/supervision")).toBe(false);
    expect(mayOpen(supervisor, "/workbench/supervision/")).toBe(true);
    expect(mayOpen(admin, "/workbench/supervision")).toBe(true);
    expect(mayOpen(supervisor, "/admin/calendar")).toBe(false);
    expect(mayOpen(admin, "/admin")).toBe(true);
    expect(mayOpen(editor, "/workbench")).toBe(true);
  });
});

describe("lists", () => {
  it("orders the inbox by promised due date, undated last", () => {
    const rows = [
      { caseNumber: "c", promisedDue: null },
      { caseNumber: "b", promisedDue: "2026-12-01" },
      { caseNumber: "a", promisedDue: "2026-11-20" },
      { caseNumber: "d", promisedDue: "2026-12-01" },
    ];
    expect([...rows].sort(byDueDate).map((r) => r.caseNumber)).toEqual(["a", "b", "d", "c"]);
  });

  it("groups the drill-down counts, largest first", () => {
    expect(groupCount(["x", "y", "x", "z", "x", "y"], (s) => s)).toEqual([
      { key: "x", n: 3 },
      { key: "y", n: 2 },
      { key: "z", n: 1 },
    ]);
  });

  it("parses the year declaration lines and names the first bad one", () => {
    expect(parseDays("2027-02-05 放假 春节\n\n2027-02-20 上班 春节调休")).toEqual({
      days: [
        { day: "2027-02-05", isWorkday: false, name: "春节" },
        { day: "2027-02-20", isWorkday: true, name: "春节调休" },
      ],
    });
    expect(parseDays("2027-01-01 off New Year\n2027-1-2 off x")).toEqual({ bad: 2 });
  });
});
