import { describe, expect, it } from "vitest";
import {
  checkGuide,
  inheritanceOf,
  isCatchAllMaterial,
  powerListMismatches,
} from "../../src/shared/catalog-rules.js";
import {
  basicItemContent,
  guideContent,
  type GuideContent,
  type SpecificationContent,
} from "../../src/shared/contracts/catalog-content.js";
import { basicItem, guide } from "../helpers/catalog.js";

const g = (o: Parameters<typeof guide>[0] = {}): GuideContent => guideContent.parse(guide(o));
const basic = basicItemContent.parse(basicItem());
const rules = (x: GuideContent, ctx: Parameters<typeof checkGuide>[1] = {}) =>
  checkGuide(x, ctx).map((v) => `${v.rule}@${v.path}`);

describe("guide rules", () => {
  it("a valid guide passes against its basic item", () => {
    expect(checkGuide(g(), { basic, exerciseLevel: "3" })).toEqual([]);
  });

  it.each([
    [
      "promised limit above the legal one",
      g({ promisedLimitDays: 21 }),
      "promised_within_legal@promisedLimitDays",
    ],
    [
      "four steps",
      g({ process: [1, 2, 3, 4].map((i) => ({ name: `环节${i}`, description: "x" })) }),
      "max_process_steps@process",
    ],
    ["即办件 with days", g({ caseKind: "1", promisedLimitDays: 2 }), "instant_is_same_day@promisedLimitDays"],
    ["承诺件 with no days", g({ promisedLimitDays: 0 }), "commitment_needs_days@caseKind"],
    [
      "free with fee items",
      g({ fee: { isFree: true, items: [{ name: "工本费", standard: "10元", basis: "某文件" }] } }),
      "free_has_no_fees@fee.items",
    ],
    ["charged without items", g({ fee: { isFree: false, items: [] } }), "fees_listed@fee.items"],
    ["online without an online channel", g({ channels: ["1"] }), "online_channel@channels"],
    [
      "not online without a reason",
      g({ tags: { crossRegion: "none", isFullyOnline: false } }),
      "online_negative_reason@tags.onlineNegativeReason",
    ],
    [
      "not in the hall without a reason",
      g({ isInHall: false }),
      "hall_negative_reason@tags.hallNegativeReason",
    ],
    [
      "a license material without its type",
      g({
        materials: [
          {
            key: "id_card",
            name: "居民身份证",
            originals: 0,
            copies: 0,
            isRequired: true,
            form: "electronic",
            source: "license",
            isToleratedMissing: false,
          },
        ],
      }),
      "license_material_type@materials.0.licenseTypeCode",
    ],
    [
      "duplicate material keys",
      g({ materials: [...guide().materials, { ...guide().materials[0]!, name: "另一份申请书" }] }),
      "unique_material_keys@materials",
    ],
  ])("refuses %s", (_label, value, expected) => {
    expect(rules(value)).toContain(expected);
  });

  it("with joint approval, allows five steps but not six", () => {
    const steps = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `环节${i + 1}`, description: "x" }));
    expect(rules(g({ isJointApproval: true, process: steps(5) }))).not.toContain("max_process_steps@process");
    expect(rules(g({ isJointApproval: true, process: steps(6) }))).toContain("max_process_steps@process");
  });

  it.each([
    "其他材料",
    "其它相关材料",
    "相关证明材料",
    "有关材料",
    "身份证明等",
    "申请书、承诺书等材料",
    "……",
    "需要的其他",
  ])("treats “%s” as a catch-all material", (name) => {
    expect(isCatchAllMaterial(name)).toBe(true);
  });
  it.each(["营业执照", "居民身份证", "不动产权证书", "社会组织登记证书"])("accepts “%s”", (name) => {
    expect(isCatchAllMaterial(name)).toBe(false);
  });

  it("may not exceed the basic catalog (办法 12)", () => {
    const beyond = g({
      name: "另一个事项",
      itemType: "07",
      legalLimitDays: 15,
      promisedLimitDays: 5,
      serviceObjects: ["5"],
      basis: [{ law: "《不在目录里的法》", article: "第一条" }],
    });
    expect(rules(beyond, { basic, exerciseLevel: "5" })).toEqual(
      expect.arrayContaining([
        "within_basic_catalog@name",
        "within_basic_catalog@itemType",
        "within_basic_catalog@legalLimitDays",
        "within_basic_catalog@serviceObjects",
        "within_basic_catalog@basis.0.law",
        "within_basic_catalog@exerciseLevel",
      ]),
    );
    expect(
      rules(g({ name: "测试经营许可（变更）" }), {
        basic: { ...basic, subItems: [{ code: "001", name: "测试经营许可（变更）" }] },
      }),
    ).not.toContain("within_basic_catalog@name");
  });

  it("inherits the specification's materials and result, and may only add (办法 20)", () => {
    const spec: SpecificationContent = {
      acceptanceConditions: ["x"],
      materials: guide().materials.map((m) => ({
        ...m,
        form: m.form ?? "paper_or_electronic",
        isToleratedMissing: m.isToleratedMissing ?? false,
      })),
      form: [],
      resultName: "测试经营许可证",
      resultKind: "license",
      reviewCriteria: ["x"],
    };
    const local = g({
      materials: [
        ...guide().materials,
        {
          key: "local_extra",
          name: "本地补充说明",
          originals: 1,
          copies: 0,
          isRequired: false,
          form: "paper",
          source: "applicant",
          isToleratedMissing: false,
        },
      ],
    });
    expect(checkGuide(local, { spec })).toEqual([]);
    expect(inheritanceOf(local, spec).addedMaterials).toEqual(["local_extra"]);
    const dropped = g({ materials: guide().materials.slice(1) });
    expect(rules(dropped, { spec })).toContain("inherit_specification@materials");
    const loosened = g({
      materials: guide().materials.map((m, i) => (i === 0 ? { ...m, isRequired: false } : m)),
    });
    expect(rules(loosened, { spec })).toContain("inherit_specification@materials.0.isRequired");
    expect(rules(g({ resultName: "别的证" }), { spec })).toContain("inherit_specification@resultName");
  });
});

describe("power list consistency (办法 17–18)", () => {
  const entry = {
    name: "测试经营许可",
    itemType: "01" as const,
    basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
  };
  it("matches field by field", () => {
    expect(powerListMismatches(g(), entry)).toEqual([]);
    expect(
      powerListMismatches(g(), {
        ...entry,
        name: "别名",
        itemType: "07",
        basis: [{ law: "《别的法》", article: "第一条" }],
      }),
    ).toEqual([
      { field: "name", catalog: "测试经营许可", powerList: "别名" },
      { field: "itemType", catalog: "01", powerList: "07" },
      { field: "basis", catalog: "《中华人民共和国行政许可法》|第十二条", powerList: "《别的法》|第一条" },
    ]);
  });
  it("requires an entry for 行政权力 items only", () => {
    expect(powerListMismatches(g(), undefined)).toBe("missing");
    expect(powerListMismatches(g({ itemType: "20" }), undefined)).toEqual([]);
  });
});
