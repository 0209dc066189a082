import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  clearDraft,
  loadDraft,
  newIdempotencyKey,
  prefillFor,
  saveDraft,
} from "../../src/web/portal/lib/draft.js";

const person = {
  kind: "person",
  displayName: "买买提·艾力",
  idNumber: "653101199003152015",
  phone: "13899990001",
  creditCode: null,
};
const fields = [
  { key: "applicantName", type: "text", semanticKey: "applicant_name" },
  { key: "idNumber", type: "id_number", semanticKey: "id_number" },
  { key: "contact", type: "phone" },
  { key: "enterpriseName", type: "text", semanticKey: "enterprise_name" },
  { key: "creditCode", type: "credit_code" },
  { key: "address", type: "address", semanticKey: "address" },
];

describe("prefill from the profile", () => {
  it("fills a person's name, ID number and phone by semantic key or field type, nothing else", () => {
    expect(prefillFor(fields, person)).toEqual({
      applicantName: "买买提·艾力",
      idNumber: "653101199003152015",
      contact: "13899990001",
    });
  });
  it("fills an enterprise's name and credit code, not the person's name", () => {
    expect(
      prefillFor(fields, {
        kind: "enterprise",
        displayName: "喀什丝路商贸有限公司",
        idNumber: null,
        phone: null,
        creditCode: "91653101MB900001X1",
      }),
    ).toEqual({ enterpriseName: "喀什丝路商贸有限公司", creditCode: "91653101MB900001X1" });
  });
});

describe("the saved draft", () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
  });
  afterEach(() => {
    store.clear();
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it("round-trips fields, files and the idempotency key, and is gone once cleared", () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^web-[0-9a-f-]{36}$/);
    expect(newIdempotencyKey()).not.toBe(key);
    const draft = {
      formData: { enterpriseName: "甲" },
      files: { a: { fileName: "a.pdf", contentType: "application/pdf", dataBase64: "JVBERi0=" } },
      idempotencyKey: key,
      step: "review" as const,
    };
    saveDraft("G1", draft);
    expect(loadDraft("G1")).toEqual(draft);
    expect(loadDraft("G2")).toBeNull();
    clearDraft("G1");
    expect(loadDraft("G1")).toBeNull();
  });

  it("drops the files, not the draft, when they are too large to keep", () => {
    const big = "A".repeat(3_100_000);
    saveDraft("G1", {
      formData: { x: "1" },
      files: { a: { fileName: "a.pdf", contentType: "application/pdf", dataBase64: big } },
      idempotencyKey: "web-k",
      step: "form",
    });
    expect(loadDraft("G1")).toEqual({
      formData: { x: "1" },
      files: {},
      idempotencyKey: "web-k",
      step: "form",
    });
  });

  it("ignores a corrupt draft", () => {
    store.set("tb-draft:G1", "{not json");
    expect(loadDraft("G1")).toBeNull();
    store.set("tb-draft:G1", JSON.stringify({ formData: {} }));
    expect(loadDraft("G1")).toBeNull();
  });
});
