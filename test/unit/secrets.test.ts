import { describe, expect, it } from "vitest";
import { sm3 as sm3Js } from "sm-crypto-v2";
import { createSecrets, randomMasterKey } from "../../src/server/security/secrets.js";
import { hmacSm3Hex, sm3Hex } from "../../src/server/security/sm3.js";

describe("SM4-GCM field encryption", () => {
  const secrets = createSecrets(randomMasterKey());

  it("round-trips and never shows the plain text", () => {
    const sealed = secrets.encrypt("11010519491231002X");
    expect(sealed).toMatch(/^sm4gcm:v1:[0-9a-f]{24}:[0-9a-f]+:[0-9a-f]{32}$/);
    expect(sealed).not.toContain("11010519491231002X");
    expect(secrets.decrypt(sealed)).toBe("11010519491231002X");
  });

  it("uses a fresh IV each time", () => {
    expect(secrets.encrypt("same")).not.toBe(secrets.encrypt("same"));
  });

  it("detects a changed ciphertext (authenticated)", () => {
    const sealed = secrets.encrypt("13800001234");
    const parts = sealed.split(":");
    const ct = parts[3] ?? "";
    parts[3] = (ct.startsWith("0") ? "1" : "0") + ct.slice(1);
    expect(() => secrets.decrypt(parts.join(":"))).toThrow();
  });

  it("cannot be read with another key", () => {
    const other = createSecrets(randomMasterKey());
    expect(() => other.decrypt(secrets.encrypt("secret"))).toThrow();
  });

  it("blind indexes are deterministic per key and purpose", () => {
    expect(secrets.blindIndex("id_number", "x")).toBe(secrets.blindIndex("id_number", "x"));
    expect(secrets.blindIndex("id_number", "x")).not.toBe(secrets.blindIndex("phone", "x"));
    expect(createSecrets(randomMasterKey()).blindIndex("id_number", "x")).not.toBe(
      secrets.blindIndex("id_number", "x"),
    );
  });
});

describe("SM3 digests", () => {
  it("give the standard's test vector and the same digests and HMACs as sm-crypto-v2", () => {
    // GB/T 32905-2016, example 1.
    expect(sm3Hex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    const key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    for (const text of ["", "喀什地区市场监管局", "a".repeat(1000), "blind-index\u0000650102199001011234"]) {
      expect(sm3Hex(text)).toBe(sm3Js(text));
      expect(hmacSm3Hex(key, text)).toBe(sm3Js(text, { key, mode: "hmac" }));
    }
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252]);
    expect(sm3Hex(bytes)).toBe(sm3Js(bytes));
  });
});
