import { describe, expect, it } from "vitest";
import {
  criticalPathDays,
  mergeForm,
  mergeMaterials,
  orderProblems,
  splitApplication,
  stagesOf,
  sumOfLimits,
  type ItemForMerge,
} from "../../src/shared/bundles.js";
import { deriveParentDue, deriveParentStatus } from "../../src/shared/case-groups.js";
import type { Material } from "../../src/shared/contracts/catalog-content.js";

const mat = (key: string, name: string, extra: Partial<Material> = {}): Material => ({
  key,
  name,
  originals: 1,
  copies: 0,
  isRequired: true,
  form: "paper_or_electronic",
  source: "applicant",
  isToleratedMissing: false,
  ...extra,
});

const items: ItemForMerge[] = [
  {
    key: "registration",
    form: [
      {
        key: "enterpriseName",
        label: "企业名称",
        type: "text",
        isRequired: true,
        semanticKey: "enterprise_name",
      },
      {
        key: "legalPerson",
        label: "法定代表人",
        type: "text",
        isRequired: true,
        semanticKey: "applicant_name",
      },
      { key: "capital", label: "注册资本", type: "number", isRequired: true },
    ],
    materials: [
      mat("id_copy", "法定代表人身份证", { semanticKey: "id_card", copies: 1 }),
      mat("articles", "公司章程"),
    ],
  },
  {
    key: "seal",
    form: [
      {
        key: "companyName",
        label: "单位名称",
        type: "text",
        isRequired: false,
        semanticKey: "enterprise_name",
      },
      { key: "sealKind", label: "印章类型", type: "select", isRequired: true, options: ["公章", "财务章"] },
    ],
    materials: [
      mat("idc", "经办人身份证件", {
        semanticKey: "id_card",
        originals: 2,
        source: "license",
        licenseTypeCode: "id",
      }),
      mat("articles2", "公司 章程", { isRequired: false }),
    ],
  },
  {
    key: "tax",
    form: [
      { key: "name", label: "纳税人名称", type: "text", isRequired: true, semanticKey: "enterprise_name" },
      { key: "sealKind", label: "印章", type: "select", isRequired: false, options: ["发票专用章"] },
    ],
    materials: [mat("id", "身份证", { semanticKey: "id_card", isToleratedMissing: true })],
  },
];

describe("mergeForm (一表申请)", () => {
  const form = mergeForm(items);

  it("asks a field shared by semantic key once, mapped to every item that needs it", () => {
    const name = form.filter((f) => f.semanticKey === "enterprise_name");
    expect(name).toHaveLength(1);
    expect(name[0]?.key).toBe("enterprise_name");
    expect(name[0]?.isRequired).toBe(true);
    expect(name[0]?.targets).toEqual([
      { itemKey: "registration", key: "enterpriseName" },
      { itemKey: "seal", key: "companyName" },
      { itemKey: "tax", key: "name" },
    ]);
  });

  it("keeps fields without a semantic key per item, and covers every item field exactly once", () => {
    expect(form.map((f) => f.key)).toEqual([
      "enterprise_name",
      "applicant_name",
      "registration__capital",
      "seal__sealKind",
      "tax__sealKind",
    ]);
    for (const item of items)
      for (const f of item.form)
        expect(
          form.filter((m) => m.targets.some((t) => t.itemKey === item.key && t.key === f.key)),
        ).toHaveLength(1);
  });
});

describe("mergeMaterials (一套材料)", () => {
  const merged = mergeMaterials(items);

  it("asks a material several items need once: strictest counts, any required, e-license first", () => {
    const id = merged.filter((m) =>
      m.targets.some((t) => t.key === "id_copy" || t.key === "idc" || t.key === "id"),
    );
    expect(id).toHaveLength(1);
    expect(id[0]).toMatchObject({
      key: "id_card",
      originals: 2,
      copies: 1,
      isRequired: true,
      isToleratedMissing: false,
      source: "license",
      licenseTypeCode: "id",
    });
    expect(id[0]?.targets).toHaveLength(3);
  });

  it("deduplicates by name when there is no semantic key (spacing and punctuation ignored)", () => {
    const articles = merged.filter((m) => m.name.replace(/\s/g, "") === "公司章程");
    expect(articles).toHaveLength(1);
    expect(articles[0]?.isRequired).toBe(true);
    expect(merged).toHaveLength(2);
  });
});

describe("order rules", () => {
  const order = [
    { key: "a", after: [], limitDays: 1 },
    { key: "b", after: ["a"], limitDays: 3 },
    { key: "c", after: ["a"], limitDays: 5 },
    { key: "d", after: ["b", "c"], limitDays: 2 },
    { key: "e", after: [], limitDays: 4 },
  ];

  it("groups items into parallel stages and finds the critical path", () => {
    expect(stagesOf(order)).toEqual([["a", "e"], ["b", "c"], ["d"]]);
    expect(criticalPathDays(order)).toBe(8);
    expect(sumOfLimits(order)).toBe(15);
  });

  it("reports cycles, unknown references, self references and duplicate keys", () => {
    expect(orderProblems(order)).toEqual([]);
    expect(
      orderProblems([
        { key: "a", after: ["b"] },
        { key: "b", after: ["a"] },
      ]).map((p) => p.kind),
    ).toEqual(["cycle"]);
    expect(orderProblems([{ key: "a", after: ["zz"] }]).map((p) => p.kind)).toEqual(["unknown_item"]);
    expect(orderProblems([{ key: "a", after: ["a"] }]).map((p) => p.kind)).toEqual(["self"]);
    expect(
      orderProblems([
        { key: "a", after: [] },
        { key: "a", after: [] },
      ]).map((p) => p.kind),
    ).toEqual(["duplicate_key"]);
    expect(
      stagesOf([
        { key: "a", after: ["b"] },
        { key: "b", after: ["a"] },
      ]),
    ).toBeUndefined();
  });
});

describe("splitApplication", () => {
  it("fills each item's fields and materials from the one form, and reports unknown keys", () => {
    const form = mergeForm(items);
    const materials = mergeMaterials(items);
    const out = splitApplication(
      form,
      materials,
      items.map((i) => i.key),
      { enterprise_name: "喀什某某有限公司", registration__capital: 100, nope: 1 },
      [{ key: "id_card", reference: "LIC-1" }, { key: "ghost" }],
    );
    expect(out.unknownFields).toEqual(["nope"]);
    expect(out.unknownMaterials).toEqual(["ghost"]);
    const seal = out.perItem.find((p) => p.itemKey === "seal");
    expect(seal?.formData).toEqual({ companyName: "喀什某某有限公司" });
    expect(seal?.materials).toEqual([{ key: "idc", reference: "LIC-1" }]);
    expect(out.perItem.find((p) => p.itemKey === "registration")?.formData).toEqual({
      enterpriseName: "喀什某某有限公司",
      capital: 100,
    });
  });
});

describe("parent case derivation", () => {
  const c = (
    status: Parameters<typeof deriveParentStatus>[0][number]["status"],
    decision: "approve" | "deny" | null = null,
  ) => ({
    status,
    decision,
  });

  it("follows the sub-cases", () => {
    expect(deriveParentStatus([c("submitted"), c("submitted")])).toBe("submitted");
    expect(deriveParentStatus([c("accepted"), c("submitted")])).toBe("in_progress");
    expect(deriveParentStatus([c("approved", "approve"), c("under_review")])).toBe("in_progress");
    expect(deriveParentStatus([c("approved", "approve"), c("denied", "deny")])).toBe("ready");
    expect(deriveParentStatus([c("delivered", "approve"), c("delivered", "approve")])).toBe("completed");
    expect(deriveParentStatus([c("delivered", "approve"), c("delivered", "deny")])).toBe(
      "partially_completed",
    );
    expect(deriveParentStatus([c("not_accepted"), c("delivered", "deny")])).toBe("failed");
    expect(deriveParentStatus([c("withdrawn"), c("withdrawn")])).toBe("withdrawn");
    expect(deriveParentStatus([c("withdrawn"), c("delivered", "approve")])).toBe("completed");
  });

  it("is due when the last sub-case still able to succeed is due", () => {
    expect(
      deriveParentDue([
        { status: "under_review", decision: null, promisedDue: "2026-06-20" },
        { status: "accepted", decision: null, promisedDue: "2026-06-25" },
        { status: "denied", decision: "deny", promisedDue: "2026-07-30" },
        { status: "submitted", decision: null, promisedDue: null },
      ]),
    ).toBe("2026-06-25");
    expect(deriveParentDue([{ status: "submitted", decision: null, promisedDue: null }])).toBeNull();
  });
});
