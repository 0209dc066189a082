import { describe, expect, it } from "vitest";
import { createSecrets, randomMasterKey } from "../../src/server/security/secrets.js";

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
