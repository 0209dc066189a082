import { describe, expect, it } from "vitest";
import {
  factsFromIdNumber,
  type ApplicantFacts,
  type LicenseFact,
} from "../../src/server/modules/assist/assist.facts.js";
import {
  evaluateRules,
  instantRules,
  isMachineDecidable,
  preReview,
  prefill,
} from "../../src/server/modules/assist/assist.review.js";
import { withIdCheckChar } from "../../src/shared/codes/id-number.js";
import type { GuideContent } from "../../src/shared/contracts/catalog-content.js";

const TODAY = "2026-06-15";
const ID = withIdCheckChar("65310119400315123");

const license = (o: Partial<LicenseFact> = {}): LicenseFact => ({
  reference: "license:bl-1",
  typeCode: "business_license",
  number: "9144030071526726XG",
  holder: "喀什丝路商贸有限公司",
  validFrom: "2020-01-01",
  validUntil: null,
  isVerified: true,
  data: { enterprise_address: "喀什市人民东路 1 号" },
  ...o,
});

function facts(o: Partial<ApplicantFacts> = {}): ApplicantFacts {
  return {
    profile: {
      userId: "u1",
      kind: "person",
      name: "阿依古丽",
      idNumber: ID,
      phone: "13800000000",
      creditCode: null,
    },
    shared: factsFromIdNumber(ID, TODAY),
    licenses: [],
    ...o,
  };
}

const guide: Pick<GuideContent, "form" | "materials" | "tags"> = {
  form: [
    {
      key: "applicantName",
      label: "申请人姓名",
      type: "text",
      isRequired: true,
      semanticKey: "applicant_name",
    },
    { key: "idNumber", label: "身份证号", type: "id_number", isRequired: true, semanticKey: "id_number" },
    { key: "phone", label: "联系电话", type: "phone", isRequired: true },
    {
      key: "address",
      label: "经营地址",
      type: "address",
      isRequired: true,
      semanticKey: "enterprise_address",
    },
    { key: "birthDate", label: "出生日期", type: "date", isRequired: false, semanticKey: "birthDate" },
  ],
  materials: [
    {
      key: "business_license",
      name: "营业执照",
      originals: 0,
      copies: 0,
      isRequired: true,
      form: "electronic",
      source: "license",
      licenseTypeCode: "business_license",
      isToleratedMissing: false,
    },
    {
      key: "site_plan",
      name: "经营场所平面图",
      originals: 1,
      copies: 0,
      isRequired: true,
      form: "paper_or_electronic",
      source: "applicant",
      isToleratedMissing: true,
    },
  ],
  tags: { crossRegion: "none", isFullyOnline: true },
};

describe("shared data from the verified ID number", () => {
  it("derives birth date, age, sex and household region", () => {
    expect(factsFromIdNumber(ID, TODAY)).toMatchObject({
      birthDate: "1940-03-15",
      age: 86,
      householdRegion: "653101",
    });
    expect(factsFromIdNumber(ID, "2026-03-14")["age"]).toBe(85);
    expect(factsFromIdNumber("123", TODAY)).toEqual({});
  });
});

describe("prefill", () => {
  it("fills from the profile, shared data and verified licenses, and lists what is left", () => {
    const p = prefill(guide, facts({ licenses: [license()] }), TODAY);
    expect(p.formData).toMatchObject({
      applicantName: "阿依古丽",
      idNumber: ID,
      phone: "13800000000",
      address: "喀什市人民东路 1 号",
      birthDate: "1940-03-15",
    });
    expect(p.fields.find((f) => f.key === "address")?.source).toBe("license");
    expect(p.fields.find((f) => f.key === "birthDate")?.source).toBe("shared_data");
    expect(p.materials).toEqual([
      { key: "business_license", name: "营业执照", reference: "license:bl-1", source: "license" },
    ]);
    expect(p.missing).toEqual([{ key: "site_plan", name: "经营场所平面图", kind: "material" }]);
  });

  it("never cites an expired or unverified license", () => {
    const expired = prefill(guide, facts({ licenses: [license({ validUntil: "2026-06-14" })] }), TODAY);
    expect(expired.materials).toEqual([]);
    expect(expired.missing.map((m) => m.key)).toContain("business_license");
    const unverified = prefill(guide, facts({ licenses: [license({ isVerified: false })] }), TODAY);
    expect(unverified.materials).toEqual([]);
    expect(unverified.formData["address"]).toBeUndefined();
  });
});

describe("pre-review messages", () => {
  const form = {
    applicantName: "阿依古丽",
    idNumber: ID,
    phone: "13800000000",
    address: "喀什市人民东路 1 号",
  };
  const messages = (
    materials: Parameters<typeof preReview>[1]["materials"],
    f = facts({ licenses: [license()] }),
  ) => preReview(guide, { formData: form, materials }, f, TODAY).map((i) => `${i.severity}:${i.message}`);

  it("passes a complete application", () => {
    expect(
      messages([
        { key: "business_license", reference: "license:bl-1" },
        { key: "site_plan", contentType: "application/pdf", sizeBytes: 2048 },
      ]),
    ).toEqual([]);
  });

  it("names each problem clearly", () => {
    expect(messages([])).toEqual(["error:缺少必需材料“营业执照”", "error:缺少必需材料“经营场所平面图”"]);
    expect(messages([{ key: "site_plan", contentType: "application/msword", sizeBytes: 10 }])).toContain(
      "error:“经营场所平面图”的文件格式不受支持，请上传 PDF、JPG 或 PNG",
    );
    expect(messages([{ key: "site_plan", contentType: "image/png", sizeBytes: 6 * 1024 * 1024 }])).toContain(
      "error:“经营场所平面图”的文件超过 5 MB",
    );
    expect(messages([{ key: "site_plan", contentType: "image/png", sizeBytes: 0 }])).toContain(
      "error:“经营场所平面图”的文件为空",
    );
    expect(
      messages([
        {
          key: "site_plan",
          contentType: "image/png",
          sizeBytes: 10,
          issuedOn: "2026-07-01",
          validUntil: "2026-01-01",
        },
      ]),
    ).toEqual(
      expect.arrayContaining([
        "error:“经营场所平面图”的签发日期 2026-07-01 晚于今天",
        "error:“经营场所平面图”已于 2026-01-01 过期",
      ]),
    );
  });

  it("checks cited licenses: known, verified, type, validity", () => {
    expect(messages([{ key: "business_license", reference: "license:other" }])).toContain(
      "error:“营业执照”引用的电子证照不存在或不属于您",
    );
    const expired = facts({ licenses: [license({ validUntil: "2026-05-01" })] });
    expect(messages([{ key: "business_license", reference: "license:bl-1" }], expired)).toContain(
      "error:“营业执照”引用的电子证照已于 2026-05-01 过期",
    );
    const soon = facts({ licenses: [license({ validUntil: "2026-07-01" })] });
    expect(messages([{ key: "business_license", reference: "license:bl-1" }], soon)).toContain(
      "warning:“营业执照”引用的电子证照将于 2026-07-01 到期，请留意",
    );
    const wrongType = facts({ licenses: [license({ typeCode: "food_license" })] });
    expect(messages([{ key: "business_license", reference: "license:bl-1" }], wrongType)).toContain(
      "error:“营业执照”引用的电子证照类型不符",
    );
  });

  it("reports form problems the way the case intake does", () => {
    const issues = preReview(guide, { formData: { ...form, phone: "12" }, materials: [] }, facts(), TODAY);
    expect(issues.find((i) => i.path === "formData.phone")?.message).toBe("“联系电话”不是有效的电话号码");
  });
});

describe("秒批 rules", () => {
  const rules = instantRules.parse([
    { fact: "shared.age", op: "gte", value: 80, label: "年满 80 周岁" },
    { fact: "shared.householdRegion", op: "startsWith", value: "65", label: "新疆户籍" },
  ]);

  it("pass on verified facts and fail closed when a fact is missing", () => {
    expect(evaluateRules(rules, facts(), TODAY).every((c) => c.passed)).toBe(true);
    const young = withIdCheckChar("65310119900315123");
    const r = evaluateRules(rules, facts({ shared: factsFromIdNumber(young, TODAY) }), TODAY);
    expect(r.map((c) => c.passed)).toEqual([false, true]);
    expect(evaluateRules(rules, facts({ shared: {} }), TODAY).some((c) => c.passed)).toBe(false);
  });

  it("accept only verified sources, never form fields", () => {
    expect(
      instantRules.safeParse([{ fact: "form.age", op: "gte", value: 80, label: "年满 80 周岁" }]).success,
    ).toBe(false);
    expect(
      instantRules.safeParse([{ fact: "license.business_license", op: "exists", label: "持有营业执照" }])
        .success,
    ).toBe(true);
  });

  it("need every required material from licenses or shared data", () => {
    expect(isMachineDecidable(guide)).toBe(false);
    expect(isMachineDecidable({ materials: guide.materials.slice(0, 1) })).toBe(true);
  });

  it("check license validity on the day", () => {
    const r = instantRules.parse([
      { fact: "license.business_license", op: "exists", label: "持有有效营业执照" },
    ]);
    expect(evaluateRules(r, facts({ licenses: [license()] }), TODAY)[0]?.passed).toBe(true);
    expect(
      evaluateRules(r, facts({ licenses: [license({ validUntil: "2026-06-01" })] }), TODAY)[0]?.passed,
    ).toBe(false);
  });
});
