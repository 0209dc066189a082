import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from "pdf-lib";
import { canonicalJson } from "../../../shared/canonical-json.js";
import { FILE_SIGNATURE_MARKER, SIGNATURE_ATTACHMENT } from "./document-pdf.js";
import type { SealCertificate } from "./seals.service.js";
import { sm3Hex, verifySm2 } from "./sm2.js";

/** What is embedded in a signed document (an attachment of the PDF). */
export interface SignaturePackage {
  format: "tongban-signed-document/1";
  documentId: string;
  /** The canonical content that was signed (case number, notice kind, title, fields, agency, time). */
  content: Record<string, unknown>;
  contentSm3: string;
  /** SM2-with-SM3 signature of canonicalJson(content) by the seal key. */
  signature: string;
  signedAt: string;
  seal: { certificate: SealCertificate; rootSignature: string };
}

export interface PdfVerification {
  isValid: boolean;
  checks: {
    /** The marker line is present and well-formed and the signature package was found. */
    isWellFormed: boolean;
    /** The seal's certificate is signed by the given root key and was valid at signing time. */
    isSealCertified: boolean;
    /** The SM2 signature over every byte of the PDF verifies with the seal key. */
    isFileIntact: boolean;
    /** The SM2 signature over the canonical content verifies and its SM3 matches. */
    isContentSigned: boolean;
  };
  document?: {
    id: string;
    title: unknown;
    caseNumber: unknown;
    agencyName: string;
    sealCode: string;
    signedAt: string;
  };
}

const MARKER_LINE = /^%TONGBAN-SM2 ([0-9A-Z]{18,30}) ([0-9a-f]{128})\n$/;

function decodeName(v: unknown): string | undefined {
  if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText();
  return undefined;
}

async function readAttachment(pdfBytes: Uint8Array, name: string): Promise<Uint8Array | undefined> {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const names = doc.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
  const embedded = names?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  const list = embedded?.lookupMaybe(PDFName.of("Names"), PDFArray);
  if (list === undefined) return undefined;
  for (let i = 0; i + 1 < list.size(); i += 2) {
    if (decodeName(list.lookup(i)) !== name) continue;
    const spec = list.lookup(i + 1, PDFDict);
    const stream = spec.lookupMaybe(PDFName.of("EF"), PDFDict)?.lookup(PDFName.of("F"));
    if (!(stream instanceof PDFRawStream)) return undefined;
    return decodePDFRawStream(stream).decode();
  }
  return undefined;
}

/** The embedded signature package of a signed PDF, unverified (to pick the root key it names), or undefined. */
export async function peekSignaturePackage(bytes: Uint8Array): Promise<SignaturePackage | undefined> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.lastIndexOf(FILE_SIGNATURE_MARKER, undefined, "latin1");
  if (at < 0) return undefined;
  try {
    const raw = await readAttachment(buf.subarray(0, at), SIGNATURE_ATTACHMENT);
    return raw === undefined ? undefined : (JSON.parse(new TextDecoder().decode(raw)) as SignaturePackage);
  } catch {
    return undefined;
  }
}

const invalid = (checks: Partial<PdfVerification["checks"]> = {}): PdfVerification => ({
  isValid: false,
  checks: {
    isWellFormed: false,
    isSealCertified: false,
    isFileIntact: false,
    isContentSigned: false,
    ...checks,
  },
});

/**
 * Verifies a downloaded signed document against the platform's root public key, without any
 * database or network: the marker line's SM2 signature over every preceding byte (so one changed
 * byte anywhere fails), the seal certificate's root signature and validity, and the content
 * signature inside the embedded package. Never throws for a bad file.
 */
export async function verifySignedPdf(bytes: Uint8Array, rootPublicKey: string): Promise<PdfVerification> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.lastIndexOf(FILE_SIGNATURE_MARKER, undefined, "latin1");
  if (at < 0) return invalid();
  const marker = MARKER_LINE.exec(buf.subarray(at + 1).toString("latin1"));
  if (marker === null) return invalid();
  const [, sealCode, fileSignature] = marker as unknown as [string, string, string];
  const signed = buf.subarray(0, at);
  let pkg: SignaturePackage;
  try {
    const raw = await readAttachment(signed, SIGNATURE_ATTACHMENT);
    if (raw === undefined) return invalid();
    pkg = JSON.parse(new TextDecoder().decode(raw)) as SignaturePackage;
  } catch {
    return invalid();
  }
  const cert = pkg.seal?.certificate;
  const sealKey = cert?.property?.certList?.[0];
  if (sealKey === undefined || cert.esID !== sealCode || pkg.format !== "tongban-signed-document/1")
    return invalid();
  const signedAt = Date.parse(pkg.signedAt);
  const isSealCertified =
    verifySm2(canonicalJson(cert), pkg.seal.rootSignature, rootPublicKey) &&
    signedAt >= Date.parse(cert.property.validStart) &&
    signedAt < Date.parse(cert.property.validEnd);
  const isFileIntact = verifySm2(new Uint8Array(signed), fileSignature, sealKey);
  const canonical = canonicalJson(pkg.content);
  const isContentSigned =
    sm3Hex(canonical) === pkg.contentSm3 && verifySm2(canonical, pkg.signature, sealKey);
  return {
    isValid: isSealCertified && isFileIntact && isContentSigned,
    checks: { isWellFormed: true, isSealCertified, isFileIntact, isContentSigned },
    document: {
      id: pkg.documentId,
      title: pkg.content.title,
      caseNumber: pkg.content.caseNumber,
      agencyName: cert.extDatas.agencyName,
      sealCode,
      signedAt: pkg.signedAt,
    },
  };
}
