import { describe, expect, it } from "vitest";
import { keyFingerprint } from "../../src/server/modules/credentials/seal-certificates.service.js";
import { generateKeyPair } from "../../src/server/modules/credentials/sm2.js";
import { levelKey } from "../../src/web/admin/admin-common.js";
import { parsePeriods } from "../../src/web/admin/HallsPage.js";

describe("admin helpers", () => {
  it("parses opening periods typed as text, refusing anything else", () => {
    expect(parsePeriods("10:00-13:30, 16:00-19:30")).toEqual([
      { start: "10:00", end: "13:30" },
      { start: "16:00", end: "19:30" },
    ]);
    expect(parsePeriods("9:30–12:00；15:00~18:00")).toEqual([
      { start: "09:30", end: "12:00" },
      { start: "15:00", end: "18:00" },
    ]);
    expect(parsePeriods("")).toBeUndefined();
    expect(parsePeriods("10:00 to 13:30")).toBeUndefined();
  });

  it("names the five division levels, clamping out-of-range ones", () => {
    expect([1, 2, 3, 4, 5].map(levelKey)).toEqual([
      "admx.level1",
      "admx.level2",
      "admx.level3",
      "admx.level4",
      "admx.level5",
    ]);
    expect(levelKey(9)).toBe("admx.level5");
  });

  it("fingerprints a public key by the SM3 of its bytes, 16 pairs, stable and distinct", () => {
    const a = generateKeyPair().publicKey;
    const b = generateKeyPair().publicKey;
    expect(keyFingerprint(a)).toMatch(/^([0-9A-F]{2}:){15}[0-9A-F]{2}$/);
    expect(keyFingerprint(a)).toBe(keyFingerprint(a.toUpperCase()));
    expect(keyFingerprint(a)).not.toBe(keyFingerprint(b));
  });
});
