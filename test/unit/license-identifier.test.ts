import { describe, expect, it } from "vitest";
import {
  formatLicenseIdentifier,
  isMod3736Valid,
  mod3736CheckChar,
  parseLicenseIdentifier,
} from "../../src/shared/codes/license-identifier.js";
import { arcGlyphs, sealSvg, starPoints } from "../../src/shared/seal-svg.js";

// ISO 7064 MOD 37,36: values 0-9 → 0-9, A-Z → 10-35; p₀ = 36;
// per character s = (p + v) mod 36 (0 read as 36), p = 2s mod 37; check = (37 − p) mod 36.
describe("ISO 7064 MOD 37,36", () => {
  it("matches hand-computed examples", () => {
    // "A": s = (36 + 10) mod 36 = 10, p = 20; check = (37 − 20) mod 36 = 17 → "H"
    expect(mod3736CheckChar("A")).toBe("H");
    // "12": '1' s = 37 mod 36 = 1, p = 2; '2' s = 4, p = 8; check = 29 → "T"
    expect(mod3736CheckChar("12")).toBe("T");
    // "0": s = 36 mod 36 = 0 → 36, p = 72 mod 37 = 35; check = (37 − 35) mod 36 = 2 → "2"
    expect(mod3736CheckChar("0")).toBe("2");
    // "Z9": 'Z' s = (36 + 35) mod 36 = 35, p = 70 mod 37 = 33; '9' s = 42 mod 36 = 6, p = 12;
    // check = 25 → "P"
    expect(mod3736CheckChar("Z9")).toBe("P");
  });
  it("agrees with the standard's published example A12425GABC1234002 → M", () => {
    expect(mod3736CheckChar("A12425GABC1234002")).toBe("M");
    expect(isMod3736Valid("A12425GABC1234002M")).toBe(true);
  });
  it("detects a changed character and a swap of neighbours", () => {
    expect(isMod3736Valid("A12425GABC1234003M")).toBe(false);
    expect(isMod3736Valid("A12425GABC1234020M")).toBe(false);
    expect(() => mod3736CheckChar("a")).toThrow(RangeError);
  });
});

describe("e-license identifier (appendix A)", () => {
  const parts = {
    typeCode: "11100000000013338W001",
    issuerCode: "9144030071526726XG",
    licenseNumber: "2026000001",
    version: 1,
  };
  it("formats prefix, parts, version and the check over type+issuer+number+version", () => {
    const id = formatLicenseIdentifier(parts);
    const check = mod3736CheckChar("11100000000013338W0019144030071526726XG2026000001001");
    expect(id).toBe(`1.2.156.3005.2.11100000000013338W001.9144030071526726XG.2026000001.001.${check}`);
    expect(parseLicenseIdentifier(id)).toEqual(parts);
  });
  it("refuses a wrong check character or malformed parts", () => {
    const id = formatLicenseIdentifier(parts);
    const wrong = id.slice(0, -1) + (id.endsWith("0") ? "1" : "0");
    expect(parseLicenseIdentifier(wrong)).toBeUndefined();
    expect(parseLicenseIdentifier(id.replace("2026000001", "2026000002"))).toBeUndefined();
    expect(() => formatLicenseIdentifier({ ...parts, version: 1000 })).toThrow(/version/);
    expect(() => formatLicenseIdentifier({ ...parts, issuerCode: "914403007152672" })).toThrow(/issuerCode/);
  });
});

describe("seal picture geometry", () => {
  it("puts the star's first point straight up and alternates outer and inner radii", () => {
    const p = starPoints(100, 100, 30);
    expect(p).toHaveLength(10);
    expect(p[0]).toEqual({ x: 100, y: 70 });
    const r = (q: { x: number; y: number }) => Math.hypot(q.x - 100, q.y - 100);
    expect(r(p[2]!)).toBeCloseTo(30, 1);
    expect(r(p[1]!)).toBeCloseTo(30 * 0.381966, 1);
  });
  it("centres the name on the top of the arc, symmetric", () => {
    const g = arcGlyphs("喀什市场监管局", 100, 100, 70);
    expect(g[3]).toMatchObject({ char: "场", x: 100, y: 30, rotate: 0 });
    expect(g[0]!.rotate).toBeCloseTo(-g[6]!.rotate, 5);
    expect(g[0]!.x + g[6]!.x).toBeCloseTo(200, 5);
  });
  it("escapes the name in the SVG", () => {
    expect(sealSvg("A<B", "1")).toContain("&lt;");
    expect(sealSvg("A<B", "1")).not.toContain("<B");
  });
});

describe("seeded e-license types", () => {
  it("cover every license type the seeded guides reference, with valid type codes", async () => {
    const { SEED_LICENSE_TYPES } = await import("../../src/server/seed/license-types.js");
    const { SEED_CATALOG_ITEMS } = await import("../../src/server/seed/catalog-items/index.js");
    const keys = new Set(SEED_LICENSE_TYPES.map((t) => t.key));
    const referenced = new Set<string>();
    for (const item of SEED_CATALOG_ITEMS) {
      if (item.guide.licenseTypeCode !== undefined) referenced.add(item.guide.licenseTypeCode);
      for (const m of item.guide.materials)
        if (m.licenseTypeCode !== undefined) referenced.add(m.licenseTypeCode);
    }
    expect(referenced.size).toBeGreaterThanOrEqual(10);
    expect([...referenced].filter((k) => !keys.has(k))).toEqual([]);
    for (const name of ["营业执照", "食品经营许可证", "出生医学证明", "结婚证", "不动产权证书", "社会保障卡"])
      expect(SEED_LICENSE_TYPES.map((t) => t.name)).toContain(name);
    for (const t of SEED_LICENSE_TYPES) {
      expect(t.typeCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/);
      expect(() =>
        formatLicenseIdentifier({
          typeCode: t.typeCode,
          issuerCode: "9144030071526726XG",
          licenseNumber: "1",
          version: 1,
        }),
      ).not.toThrow();
    }
    expect(new Set(SEED_LICENSE_TYPES.map((t) => t.typeCode)).size).toBe(SEED_LICENSE_TYPES.length);
  });
});

describe("license status", () => {
  it("is expired the day after its last valid day, revoked whatever the dates", async () => {
    const { statusOf } = await import("../../src/server/modules/credentials/licenses.service.js");
    expect(statusOf({ status: "valid", valid_to: "2026-06-14" }, "2026-06-14")).toBe("valid");
    expect(statusOf({ status: "valid", valid_to: "2026-06-14" }, "2026-06-15")).toBe("expired");
    expect(statusOf({ status: "valid", valid_to: null }, "2099-01-01")).toBe("valid");
    expect(statusOf({ status: "revoked", valid_to: null }, "2026-06-15")).toBe("revoked");
  });
});
