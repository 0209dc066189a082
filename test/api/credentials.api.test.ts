import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { buildJobRegistry } from "../../src/server/jobs/jobs.js";
import { runDueJobs } from "../../src/server/jobs/jobs.service.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { Sessions, type Headers } from "../helpers/sessions.js";

const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let issuingCode = "";
let needingCode = "";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");
const ENTERPRISE = DEMO_ENTERPRISE.creditCode;
const CITIZEN = DEMO_CITIZENS[0].idNumber;
const REVIEWER = "kashgar.samr.reviewer";
const APPROVER = "kashgar.samr.approver";
const silent = { info: () => {}, warn: () => {}, error: () => {} };

const sessions = new Sessions(() => t.app, "10.8.0");

async function call(
  login: string | null,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
  extra: Headers = {},
) {
  const headers = { ...(login === null ? {} : await sessions.as(login)), ...extra };
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return res;
}
const json = <T = Record<string, unknown>>(r: { json: <X>() => X }) => r.json<T>();

async function runJobs() {
  const registry = buildJobRegistry({ secrets: t.secrets, publicBaseUrl: "https://tongban.example" });
  let total = 0;
  for (;;) {
    const r = await runDueJobs(t.database.db, registry, {
      workerId: "test",
      now,
      log: silent,
      batchSize: 20,
    });
    expect(r.dead).toBe(0);
    total += r.succeeded;
    if (r.claimed === 0) return total;
  }
}

async function publishGuide(name: string, overrides: Parameters<typeof guide>[0], samrId: number) {
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: samrId, content: basicItem({ name }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId: samrId,
      basicCode: basic.entry.code,
      content: {
        name,
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, power.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    { layer: "guide", agencyId: samrId, basicCode: basic.entry.code, content: guide({ name, ...overrides }) },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  return g.entry.code;
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  await seedDemo({ db: t.database.db, secrets: t.secrets, now: () => now });
  const res = await t.app.inject({
    method: "GET",
    url: "/api/v1/agencies?region=6531&line=market_regulation",
  });
  const samrId = res.json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
  const base = guide();
  issuingCode = await publishGuide(
    "测试营业执照核发",
    { resultKind: "license", licenseTypeCode: "business_license", materials: [base.materials[0]!] },
    samrId,
  );
  needingCode = await publishGuide(
    "测试食品经营许可",
    {
      materials: [
        ...base.materials,
        {
          key: "tax_record",
          name: "纳税记录",
          originals: 0,
          copies: 0,
          isRequired: true,
          form: "electronic",
          source: "shared_data",
          sharedDataKey: "tax.payment_record",
          isToleratedMissing: false,
        },
      ],
    },
    samrId,
  );
}, 180_000);
afterAll(async () => {
  await t.close();
});

const form = { enterpriseName: DEMO_ENTERPRISE.name, creditCode: ENTERPRISE };
const upload = {
  key: "application_form",
  fileName: "申请书.pdf",
  contentType: "application/pdf",
  dataBase64: PDF,
};

async function approvedCase(code: string, login = ENTERPRISE, extra: Record<string, unknown> = {}) {
  const c = await call(login, "POST", "/api/v1/cases", {
    guideCode: code,
    formData: form,
    materials: [upload],
    ...extra,
  });
  expect(c.statusCode).toBe(201);
  const id = json<{ id: string }>(c).id;
  expect(
    (await call(REVIEWER, "POST", `/api/v1/cases/${id}/acceptance`, { outcome: "accepted" })).statusCode,
  ).toBe(200);
  expect((await call(REVIEWER, "POST", `/api/v1/cases/${id}/dispatch`, {})).statusCode).toBe(200);
  const d = await call(APPROVER, "POST", `/api/v1/cases/${id}/decision`, { decision: "approve" });
  expect(d.statusCode).toBe(200);
  return id;
}

interface Wallet {
  items: { identifier: string; typeName: string; status: string; fields: Record<string, unknown> }[];
}
interface Verification {
  status: string;
  signature: { isValid: boolean };
  holder: { name: string; code: string };
  issuer: { name: string };
  identifier: string;
  revocationReason: string | null;
}

let caseId = "";
let identifier = "";
let documents: { id: string; kind: string }[] = [];
let pdfBytes: Buffer = Buffer.alloc(0);

describe("an approved case yields a signed, verifiable e-license and sealed documents", () => {
  it("issues the license by job and shows it in the holder's wallet", async () => {
    caseId = await approvedCase(issuingCode);
    expect(json<Wallet>(await call(ENTERPRISE, "GET", "/api/v1/me/licenses")).items).toHaveLength(0);
    expect(await runJobs()).toBeGreaterThanOrEqual(3); // acceptance, decision notices; the approval
    const wallet = json<Wallet>(await call(ENTERPRISE, "GET", "/api/v1/me/licenses"));
    expect(wallet.items).toHaveLength(1);
    expect(wallet.items[0]).toMatchObject({ typeName: "营业执照", status: "valid" });
    expect(wallet.items[0]?.fields).toMatchObject({
      enterpriseName: DEMO_ENTERPRISE.name,
      creditCode: ENTERPRISE,
    });
    identifier = wallet.items[0]?.identifier ?? "";
    expect(identifier).toMatch(
      /^1\.2\.156\.3005\.2\.11100000000013338W001\.[0-9A-Z]{18}\.2026\d{6}\.001\.[0-9A-Z]$/,
    );
    expect(json<Wallet>(await call(CITIZEN, "GET", "/api/v1/me/licenses")).items).toHaveLength(0);
    // the job is idempotent: a second run issues nothing more
    expect(await runJobs()).toBe(0);
  });

  it("verifies publicly without login, with the holder masked", async () => {
    const res = await call(null, "GET", `/api/v1/licenses/${identifier}/verification`);
    expect(res.statusCode).toBe(200);
    const v = json<Verification>(res);
    expect(v).toMatchObject({
      status: "valid",
      signature: { isValid: true },
    });
    expect(v.issuer.name).toContain("市场监督管理局");
    expect(v.holder.name).toBe(`喀${"*".repeat([...DEMO_ENTERPRISE.name].length - 1)}`);
    const qr = await call(null, "GET", `/api/v1/licenses/${identifier}/qr.png`);
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const page = await call(null, "GET", `/verify/licenses/${identifier}`);
    expect(page.body).toContain("有效");
    expect(page.body).not.toContain(DEMO_ENTERPRISE.name);
  });

  it("refuses a wrong check character (400) and an unknown identifier (404)", async () => {
    const wrong = identifier.slice(0, -1) + (identifier.endsWith("A") ? "B" : "A");
    expect((await call(null, "GET", `/api/v1/licenses/${wrong}/verification`)).statusCode).toBe(400);
    const other = identifier.replace(/\.(\d{10})\.001\.[0-9A-Z]$/, ".2026999999.001.X");
    const fixed =
      other.slice(0, -1) +
      (await import("../../src/shared/codes/license-identifier.js")).mod3736CheckChar(
        other.split(".").slice(5, 9).join(""),
      );
    expect((await call(null, "GET", `/api/v1/licenses/${fixed}/verification`)).statusCode).toBe(404);
  });

  it("signs every notice of the case as a sealed PDF that verifies online", async () => {
    const list = await call(ENTERPRISE, "GET", `/api/v1/cases/${caseId}/documents`);
    documents = json<{ items: { id: string; kind: string }[] }>(list).items;
    expect(documents.map((d) => d.kind)).toEqual(["acceptance", "decision_approve"]);
    const decision = documents[1]!;
    const v = json<{ isValid: boolean; checks: Record<string, boolean> }>(
      await call(null, "GET", `/api/v1/documents/${decision.id}/verification`),
    );
    expect(v.isValid).toBe(true);
    expect(Object.values(v.checks).every(Boolean)).toBe(true);
    const page = await call(null, "GET", `/verify/documents/${decision.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("签章有效");
    const pdf = await call(ENTERPRISE, "GET", `/api/v1/documents/${decision.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    pdfBytes = pdf.rawPayload;
    expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfBytes.length).toBeLessThan(400_000); // the CJK font is subset
    expect((await call(REVIEWER, "GET", `/api/v1/documents/${decision.id}/pdf`)).statusCode).toBe(200);
    expect((await call(CITIZEN, "GET", `/api/v1/documents/${decision.id}/pdf`)).statusCode).toBe(404);
    expect((await call(null, "GET", `/api/v1/documents/${decision.id}/pdf`)).statusCode).toBe(401);
  });

  it("an uploaded PDF verifies; one changed byte makes it invalid", async () => {
    const ok = await call(null, "POST", "/api/v1/documents/verification", {
      dataBase64: pdfBytes.toString("base64"),
    });
    expect(json<{ isValid: boolean }>(ok).isValid).toBe(true);
    const tampered = Buffer.from(pdfBytes);
    const at = Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 0x01;
    const bad = await call(null, "POST", "/api/v1/documents/verification", {
      dataBase64: tampered.toString("base64"),
    });
    expect(json<{ isValid: boolean }>(bad).isValid).toBe(false);
  });

  it("the offline CLI verifies the file against the published root key and rejects a changed byte", async () => {
    const root = await call(null, "GET", "/api/v1/credentials/root-key");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tb-verify-"));
    const keyFile = path.join(dir, "root.json");
    fs.writeFileSync(keyFile, root.body);
    const good = path.join(dir, "good.pdf");
    fs.writeFileSync(good, pdfBytes);
    const out = execFileSync(process.execPath, ["bin/tongban.js", "verify", good, "--root-key", keyFile], {
      encoding: "utf8",
    });
    expect(out).toContain("签章有效");
    const badFile = path.join(dir, "bad.pdf");
    const tampered = Buffer.from(pdfBytes);
    tampered[200] = tampered[200]! ^ 0x20;
    fs.writeFileSync(badFile, tampered);
    let status = 0;
    let stdout = "";
    try {
      execFileSync(process.execPath, ["bin/tongban.js", "verify", badFile, "--root-key", keyFile], {
        encoding: "utf8",
      });
    } catch (err) {
      status = (err as { status: number }).status;
      stdout = (err as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(stdout).toContain("签章无效");
  }, 60_000);

  it("detects a document whose stored content was changed", async () => {
    const id = documents[0]!.id;
    await sql`update signed_documents set content = jsonb_set(content, '{itemName}', '"篡改"') where id = ${id}`.execute(
      t.database.db,
    );
    const v = json<{ isValid: boolean; checks: { isDigestMatching: boolean } }>(
      await call(null, "GET", `/api/v1/documents/${id}/verification`),
    );
    expect(v.isValid).toBe(false);
    expect(v.checks.isDigestMatching).toBe(false);
  });
});

describe("免证办: a second application that needs the license asks for no upload", () => {
  it("plans the materials: the license material needs no upload", async () => {
    const plan = json<{
      items: { key: string; needsUpload: boolean; satisfiedBy: { identifier: string } | null }[];
    }>(await call(ENTERPRISE, "GET", `/api/v1/me/guides/${needingCode}/materials`));
    expect(plan.items.find((i) => i.key === "business_license")).toMatchObject({
      needsUpload: false,
      satisfiedBy: { identifier },
    });
    expect(plan.items.find((i) => i.key === "application_form")?.needsUpload).toBe(true);
    expect(plan.items.find((i) => i.key === "tax_record")?.needsUpload).toBe(false);
    const other = json<{ items: { key: string; needsUpload: boolean }[] }>(
      await call(CITIZEN, "GET", `/api/v1/me/guides/${needingCode}/materials`),
    );
    expect(other.items.find((i) => i.key === "business_license")?.needsUpload).toBe(true);
  });

  it("attaches the license with consent, and the reviewer sees it verified", async () => {
    const c = await call(ENTERPRISE, "POST", "/api/v1/cases", {
      guideCode: needingCode,
      formData: form,
      materials: [upload],
      useLicenses: true,
    });
    expect(c.statusCode).toBe(201);
    const body = json<{ id: string; materials: { key: string; source: string; reference: string | null }[] }>(
      c,
    );
    expect(body.materials.find((m) => m.key === "tax_record")).toMatchObject({
      source: "shared_data",
      reference: "shared_data:tax.payment_record",
    });
    expect(body.materials.find((m) => m.key === "business_license")).toMatchObject({
      source: "license",
      reference: identifier,
    });
    const seen = json<{ items: { materialKey: string; verification: Verification }[] }>(
      await call(REVIEWER, "GET", `/api/v1/cases/${body.id}/licenses`),
    );
    expect(seen.items[0]).toMatchObject({
      materialKey: "business_license",
      verification: { status: "valid", signature: { isValid: true } },
    });
    expect((await call(CITIZEN, "GET", `/api/v1/cases/${body.id}/licenses`)).statusCode).toBe(404);
  });

  it("refuses someone else's license as a reference", async () => {
    const c = await call(CITIZEN, "POST", "/api/v1/cases", {
      guideCode: needingCode,
      formData: form,
      materials: [upload, { key: "business_license", reference: identifier }],
    });
    expect(c.statusCode).toBe(400);
    expect(c.body).toContain("materials.1.reference");
  });
});

describe("objection, correction, revocation and tamper detection", () => {
  let corrected = "";
  it("the holder objects; the issuer corrects with a new signed version and the old one is revoked", async () => {
    expect(
      (await call(CITIZEN, "POST", `/api/v1/licenses/${identifier}/objections`, { reason: "不是我的" }))
        .statusCode,
    ).toBe(404);
    const o = await call(ENTERPRISE, "POST", `/api/v1/licenses/${identifier}/objections`, {
      reason: "法定代表人姓名有误",
      requestedFields: { legalRepresentative: "阿不都热合曼" },
    });
    expect(o.statusCode).toBe(201);
    const objectionId = json<{ id: number }>(o).id;
    expect(
      (await call(ENTERPRISE, "POST", `/api/v1/licenses/${identifier}/objections`, { reason: "再次" }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await call(REVIEWER, "POST", `/api/v1/license-objections/${objectionId}/resolution`, {
          decision: "correct",
          resolution: "核实后更正",
        })
      ).statusCode,
    ).toBe(403);
    const r = await call(APPROVER, "POST", `/api/v1/license-objections/${objectionId}/resolution`, {
      decision: "correct",
      resolution: "核实后更正",
      fields: { legalRepresentative: "阿不都热合曼" },
    });
    expect(r.statusCode).toBe(200);
    corrected = json<{ correctedIdentifier: string }>(r).correctedIdentifier;
    expect(corrected).toMatch(/\.002\.[0-9A-Z]$/);
    const old = json<Verification>(await call(null, "GET", `/api/v1/licenses/${identifier}/verification`));
    expect(old.status).toBe("revoked");
    const now2 = json<Verification>(await call(null, "GET", `/api/v1/licenses/${corrected}/verification`));
    expect(now2).toMatchObject({ status: "valid", signature: { isValid: true } });
  });

  it("a revoked license verifies as revoked, with its reason, and is no longer offered", async () => {
    expect(
      (await call(APPROVER, "POST", `/api/v1/licenses/${corrected}/revocation`, { reason: "  " })).statusCode,
    ).toBe(400);
    expect(
      (await call(ENTERPRISE, "POST", `/api/v1/licenses/${corrected}/revocation`, { reason: "自行注销" }))
        .statusCode,
    ).toBe(403);
    const r = await call(APPROVER, "POST", `/api/v1/licenses/${corrected}/revocation`, {
      reason: "企业申请注销登记",
    });
    expect(r.statusCode).toBe(200);
    const v = json<Verification>(await call(null, "GET", `/api/v1/licenses/${corrected}/verification`));
    expect(v).toMatchObject({
      status: "revoked",
      revocationReason: "企业申请注销登记",
      signature: { isValid: true },
    });
    expect(
      (await call(APPROVER, "POST", `/api/v1/licenses/${corrected}/revocation`, { reason: "再次" }))
        .statusCode,
    ).toBe(409);
    const plan = json<{ items: { key: string; needsUpload: boolean }[] }>(
      await call(ENTERPRISE, "GET", `/api/v1/me/guides/${needingCode}/materials`),
    );
    expect(plan.items.find((i) => i.key === "business_license")?.needsUpload).toBe(true);
  });

  it("detects a license whose stored fields were changed", async () => {
    await sql`update licenses set fields = jsonb_set(fields, '{enterpriseName}', '"别的公司"') where identifier = ${corrected}`.execute(
      t.database.db,
    );
    const v = json<Verification>(await call(null, "GET", `/api/v1/licenses/${corrected}/verification`));
    expect(v.signature.isValid).toBe(false);
  });

  it("publishes the seal picture and keeps the audit chain intact", async () => {
    const root = json<{ publicKey: string }>(await call(null, "GET", "/api/v1/credentials/root-key"));
    expect(root.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const samr = (
      await t.app.inject({ method: "GET", url: "/api/v1/agencies?region=6531&line=market_regulation" })
    ).json<{ items: { id: number }[] }>().items[0]!.id;
    const seals = json<{ items: { id: number; status: string }[] }>(
      await call(null, "GET", `/api/v1/agencies/${samr}/seals`),
    );
    expect(seals.items.filter((s) => s.status === "active")).toHaveLength(1);
    const png = await call(null, "GET", `/api/v1/seals/${seals.items[0]!.id}/picture.png`);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const svg = await call(null, "GET", `/api/v1/seals/${seals.items[0]!.id}/picture.svg`);
    expect(svg.body).toContain("<polygon");
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });

  it("rotates a seal (admin only): the old seal is retired and what it signed still verifies", async () => {
    const samr = (
      await t.app.inject({ method: "GET", url: "/api/v1/agencies?region=6531&line=market_regulation" })
    ).json<{ items: { id: number }[] }>().items[0]!.id;
    expect((await call(APPROVER, "POST", `/api/v1/agencies/${samr}/seals/rotation`, {})).statusCode).toBe(
      403,
    );
    const r = await call("kashgar.admin", "POST", `/api/v1/agencies/${samr}/seals/rotation`, {});
    expect(r.statusCode).toBe(201);
    const seals = json<{ items: { sealCode: string; status: string }[] }>(
      await call(null, "GET", `/api/v1/agencies/${samr}/seals`),
    );
    expect(seals.items.map((x) => x.status)).toEqual(["retired", "active"]);
    expect(seals.items[1]?.sealCode).toBe(json<{ sealCode: string }>(r).sealCode);
    const decision = documents[1]!;
    const v = json<{ isValid: boolean; seal: { status: string } }>(
      await call(null, "GET", `/api/v1/documents/${decision.id}/verification`),
    );
    expect(v).toMatchObject({ isValid: true, seal: { status: "retired" } });
  });
});
