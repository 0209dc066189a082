import { randomUUID } from "node:crypto";
import { chinaDate } from "../../../shared/calendar.js";
import { canonicalJson } from "../../../shared/canonical-json.js";
import { AppError } from "../../../shared/errors.js";
import { SYSTEM, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { FIELD_NAMES } from "../cases/case-documents.js";
import { caseView, getCase, loadVisibleCase } from "../cases/cases.service.js";
import { appendFileSignature, renderDocumentPdf } from "./document-pdf.js";
import { peekSignaturePackage, verifySignedPdf, type SignaturePackage } from "./document-verify.js";
import {
  findDocument,
  findDocumentByNotice,
  insertDocument,
  listDocumentsOfCase,
} from "./documents.queries.js";
import { findRootKey, findSeal } from "./seals.queries.js";
import { agencySigner, checkSeal, type SealCertificate } from "./seals.service.js";
import { sm3Hex, verifySm2 } from "./sm2.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => String(x)).join("；");
  if (v === null || v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export const documentPageUrl = (base: string, id: string) => `${base}/verify/documents/${id}`;

/**
 * Job: renders one notice or decision of a case as a PDF with the agency's seal, signs it (SM2
 * over the canonical content, and over the PDF bytes) and stores it. Idempotent: a notice already
 * signed is left alone.
 */
export async function signCaseNotice(
  input: { caseId: string; noticeId: number },
  deps: Deps,
  publicBaseUrl: string,
): Promise<string | undefined> {
  if ((await findDocumentByNotice(deps.db, input.noticeId)) !== undefined) return undefined;
  const c = await caseView(SYSTEM, await loadVisibleCase(SYSTEM, input.caseId, deps.db), deps);
  const notice = c.notices.find((n) => n.id === input.noticeId);
  if (notice === undefined) return undefined;
  const agency = await getAgency(c.agencyId, deps.db);
  const now = nowOf(deps);
  const id = randomUUID();
  const fields = notice.content as Record<string, unknown>;
  const content = {
    documentId: id,
    caseNumber: c.caseNumber,
    itemName: c.itemName,
    kind: notice.kind,
    title: notice.title,
    fields,
    agency: { name: agency.name, creditCode: agency.creditCode },
    issuedAt: notice.issuedAt,
  };
  const canonical = canonicalJson(content);
  // The seal (created or rotated if need be) commits first; rendering (~0.1 s) holds no connection.
  const signer = await deps.db
    .transaction()
    .execute((trx) => agencySigner(trx, c.agencyId, deps.secrets, now));
  const signature = signer.sign(canonical);
  const pkg: SignaturePackage = {
    format: "tongban-signed-document/1",
    documentId: id,
    content,
    contentSm3: sm3Hex(canonical),
    signature,
    signedAt: now.toISOString(),
    seal: {
      certificate: signer.seal.certificate as SealCertificate,
      rootSignature: signer.seal.root_signature,
    },
  };
  const rows = Object.entries(fields)
    .filter(([k]) => k !== "caseNumber")
    .map(([k, v]): [string, string] => [FIELD_NAMES[k] ?? k, valueText(v)]);
  const pdf = await renderDocumentPdf({
    title: notice.title,
    caseNumber: c.caseNumber,
    agencyName: agency.name,
    date: chinaDate(new Date(notice.issuedAt)),
    rows,
    sealPng: signer.seal.png,
    verifyUrl: documentPageUrl(publicBaseUrl, id),
    signedAt: now,
    signaturePackage: JSON.stringify(pkg),
    signatureHint: `电子印章 ${signer.seal.seal_code} · SM2/SM3 签名 ${signature.slice(0, 16)}…`,
  });
  const file = appendFileSignature(pdf, signer.seal.seal_code, signer.sign(pdf));
  await deps.db.transaction().execute(async (trx) => {
    await insertDocument(trx, {
      id,
      case_id: c.id,
      notice_id: notice.id,
      agency_id: c.agencyId,
      seal_id: signer.seal.id,
      kind: notice.kind,
      title: notice.title,
      content: canonical,
      content_sm3: sm3Hex(canonical),
      signature,
      signed_at: now,
      pdf: file,
      pdf_sm3: sm3Hex(new Uint8Array(file)),
    });
    await recordAudit(trx, {
      actor: { kind: "system", id: "system" },
      action: "document.sign",
      entityType: "signed_document",
      entityId: id,
      after: {
        caseId: c.id,
        noticeId: notice.id,
        sealCode: signer.seal.seal_code,
        contentSm3: sm3Hex(canonical),
      },
      at: now,
    });
  });
  return id;
}

async function loadDocument(id: string, deps: Deps) {
  const doc = UUID.test(id) ? await findDocument(deps.db, id) : undefined;
  if (doc === undefined) throw new AppError("NOT_FOUND", "credentials.documentNotFound");
  return doc;
}

/**
 * Public verification of a stored document: the content's SM3 and SM2 signature, the seal's
 * certificate under the root key, and the stored PDF's file signature. No login; the content shown
 * is the document's own (it is the holder who shares the QR code).
 * @throws AppError NOT_FOUND.
 */
export async function getDocumentVerification(id: string, deps: Deps) {
  const doc = await loadDocument(id, deps);
  const seal = await findSeal(deps.db, doc.seal_id);
  if (seal === undefined) throw new AppError("NOT_FOUND", "credentials.documentNotFound");
  const canonical = canonicalJson(doc.content);
  const isDigestMatching = sm3Hex(canonical) === doc.content_sm3;
  const isContentSigned = isDigestMatching && verifySm2(canonical, doc.signature, seal.public_key);
  const sealCheck = await checkSeal(deps.db, seal);
  const root = await findRootKey(deps.db, seal.root_key_id);
  const file = root === undefined ? undefined : await verifySignedPdf(doc.pdf, root.public_key);
  const isFileIntact = file?.isValid === true && file.document?.id === doc.id;
  const content = doc.content as { caseNumber: string; itemName: string; agency: { name: string } };
  return {
    id: doc.id,
    isValid: isContentSigned && sealCheck.isCertified && isFileIntact,
    checks: { isDigestMatching, isContentSigned, isSealCertified: sealCheck.isCertified, isFileIntact },
    title: doc.title,
    kind: doc.kind,
    caseNumber: content.caseNumber,
    itemName: content.itemName,
    agencyName: content.agency.name,
    signedAt: doc.signed_at.toISOString(),
    seal: { id: seal.id, sealCode: seal.seal_code, status: seal.status },
    contentSm3: doc.content_sm3,
    signature: doc.signature,
    algorithm: "SM2-with-SM3",
  };
}

/** Verifies an uploaded PDF (base64) against the root key its seal certificate names. Public. */
export async function verifyUploadedDocument(dataBase64: string, deps: Deps) {
  const bytes = new Uint8Array(Buffer.from(dataBase64, "base64"));
  const rootKeyId = (await peekSignaturePackage(bytes))?.seal?.certificate?.extDatas?.rootKeyId;
  const root = typeof rootKeyId === "number" ? await findRootKey(deps.db, rootKeyId) : undefined;
  if (root === undefined) return { isValid: false, checks: null, document: null };
  const r = await verifySignedPdf(bytes, root.public_key);
  return { isValid: r.isValid, checks: r.checks, document: r.document ?? null };
}

/** The signed documents of a case, for its applicant and staff who may see it. @throws AppError NOT_FOUND. */
export async function listCaseDocuments(actor: Actor, caseId: string, deps: Deps) {
  const c = await getCase(actor, caseId, deps);
  const rows = await listDocumentsOfCase(deps.db, c.id);
  return {
    items: rows.map((d) => ({
      id: d.id,
      noticeId: d.notice_id,
      kind: d.kind,
      title: d.title,
      signedAt: d.signed_at.toISOString(),
      pdfSm3: d.pdf_sm3,
    })),
  };
}

/** The PDF, for the case's applicant and authorised staff; 404 for anyone else. */
export async function getDocumentPdf(actor: Actor, id: string, deps: Deps) {
  const doc = await loadDocument(id, deps);
  try {
    await getCase(actor, doc.case_id, deps);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND")
      throw new AppError("NOT_FOUND", "credentials.documentNotFound");
    throw err;
  }
  return { fileName: `${doc.title}-${doc.id.slice(0, 8)}.pdf`, pdf: doc.pdf };
}
