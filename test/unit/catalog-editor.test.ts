import { describe, expect, it } from "vitest";
import { guideContent } from "../../src/shared/contracts/catalog-content.js";
import { bundleContent } from "../../src/shared/contracts/bundles.js";
import { wbTranslator } from "../../src/web/i18n/workbench-messages.js";
import { diffContent } from "../../src/web/workbench/catalog/diff.js";
import { bundleShapeViolations, findingsFor } from "../../src/web/workbench/catalog/findings.js";
import { blankOf, LAYER_SCHEMAS, nodeOf, setAt } from "../../src/web/workbench/catalog/schema.js";
import { basicItem, guide } from "../helpers/catalog.js";

const t = wbTranslator("zh-CN");
const g = guideContent.parse(guide());
const ctx = { layer: "guide", exerciseLevel: "3", basic: basicItem(), spec: null, power: null };

describe("catalog editor findings (the pure rules in the browser)", () => {
  it("finds nothing in a valid guide and a rule finding at the field that breaks it, in the locale", () => {
    expect(findingsFor("guide", g, ctx, t, "zh-CN")).toEqual([]);
    const broken = setAt(g, ["materials", 0, "name"], "其他材料");
    const f = findingsFor("guide", broken, ctx, t, "zh-CN");
    expect(f).toEqual([
      {
        path: "materials.0.name",
        rule: "no_catch_all_material",
        message: expect.stringContaining("兜底性表述") as string,
      },
    ]);
    const en = findingsFor("guide", broken, ctx, wbTranslator("en"), "en");
    expect(en[0]?.message).toMatch(/catch-all|Catch-all|catch all/i);
  });

  it("reports schema issues by field before the rules, with the catalog's words", () => {
    const noName = setAt(g, ["name"], "");
    const f = findingsFor("guide", noName, ctx, t, "zh-CN");
    expect(f).toEqual([{ path: "name", rule: "schema", message: "必填" }]);
    const long = findingsFor("guide", setAt(g, ["promisedLimitDays"], 400), ctx, t, "zh-CN");
    expect(long[0]).toMatchObject({ path: "promisedLimitDays", message: "不大于 365" });
  });

  it("compares against the basic item and the power list from the rule context", () => {
    const other = setAt(g, ["legalLimitDays"], 30);
    expect(findingsFor("guide", other, ctx, t, "zh-CN").map((x) => x.path)).toContain("legalLimitDays");
    const missing = findingsFor("guide", g, { ...ctx, power: { content: null } }, t, "zh-CN");
    expect(missing).toMatchObject([{ path: "name", rule: "power_list" }]);
  });

  it("checks a bundle's order, data pushes and target without the database", () => {
    const b = bundleContent.parse({
      code: "KS-TEST",
      name: "测试一件事",
      event: "enterprise",
      eventName: "企业开办",
      leadDepartment: "市场监管局",
      coAgencyIds: [],
      items: [
        {
          key: "aa",
          guideCode: "1".repeat(31),
          name: "事项甲",
          department: "甲局",
          limitDays: 2,
          after: ["bb"],
        },
        {
          key: "bb",
          guideCode: "2".repeat(31),
          name: "事项乙",
          department: "乙局",
          limitDays: 3,
          after: ["aa"],
        },
      ],
      dataPushes: [{ from: "aa", to: "zz", data: "营业执照" }],
      targetLimitDays: 9,
      hallNotifiedOn: "2026-06-01",
      goLiveOn: "2026-06-20",
    });
    expect(
      bundleShapeViolations(b)
        .map((v) => v.rule)
        .sort(),
    ).toEqual(["bundle_data_push", "bundle_order", "bundle_target"]);
  });
});

describe("catalog editor schema reading", () => {
  it("reads every layer's schema and makes blank list elements that name the required fields", () => {
    for (const schema of Object.values(LAYER_SCHEMAS)) expect(nodeOf(schema).kind).toBe("object");
    const node = nodeOf(guideContent);
    if (node.kind !== "object") throw new Error("object expected");
    const materials = node.fields.find(([k]) => k === "materials")?.[1];
    if (materials?.kind !== "array") throw new Error("array expected");
    expect(blankOf(materials.element)).toMatchObject({
      key: "",
      name: "",
      originals: 0,
      copies: 0,
      isRequired: false,
    });
    expect(node.fields.find(([k]) => k === "legalLimitDays")?.[1]).toMatchObject({
      kind: "number",
      nullable: true,
      max: 365,
    });
    expect(setAt({ a: { b: 1 } }, ["a", "b"], undefined)).toEqual({ a: {} });
  });
});

describe("version diff", () => {
  it("matches materials by key: an inserted material is one added row, a renamed one one change", () => {
    const before = {
      name: "甲",
      materials: [
        { key: "a", name: "申请书" },
        { key: "b", name: "营业执照" },
      ],
      channels: ["1"],
    };
    const after = {
      name: "甲",
      materials: [
        { key: "c", name: "身份证" },
        { key: "a", name: "申请书（新）" },
        { key: "b", name: "营业执照" },
      ],
      channels: ["1", "2"],
    };
    const rows = diffContent(before, after);
    expect(rows).toEqual([
      {
        path: [{ field: "materials" }, { element: "申请书（新）" }, { field: "name" }],
        kind: "changed",
        before: "申请书",
        after: "申请书（新）",
      },
      { path: [{ field: "materials" }, { element: "身份证" }], kind: "added", after: "key: c，name: 身份证" },
      { path: [{ field: "channels" }], kind: "changed", before: "1", after: "1；2" },
    ]);
    expect(diffContent(after, after)).toEqual([]);
  });

  it("compares unkeyed lists by position and reports removed fields", () => {
    const rows = diffContent(
      { process: [{ name: "受理" }, { name: "审核" }], note: "x" },
      { process: [{ name: "受理" }] },
    );
    expect(rows).toEqual([
      { path: [{ field: "process" }, { element: "审核" }], kind: "removed", before: "name: 审核" },
      { path: [{ field: "note" }], kind: "removed", before: "x" },
    ]);
  });
});
