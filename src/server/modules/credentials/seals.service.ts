import type { Kysely } from "kysely";
import { canonicalJson } from "../../../shared/canonical-json.js";
import { AppError } from "../../../shared/errors.js";
import { sealSvg } from "../../../shared/seal-svg.js";
import { assertCan } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { AgencySealRow, Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import type { Secrets } from "../../security/secrets.js";
import { getAgency } from "../agencies/agencies.service.js";
import { sealPng } from "./seal-picture.js";
import {
  countAgencySeals,
  findActiveRootKey,
  findActiveSeal,
  findRootKey,
  findSeal,
  insertRootKey,
  insertSeal,
  listAgencySeals,
  retireSeal,
} from "./seals.queries.js";
import { generateKeyPair, SM2_WITH_SM3_OID, signSm2, sm3Hex, verifySm2 } from "./sm2.js";

/** How long a seal key is valid before the next signature rotates it. */
export const SEAL_VALIDITY_YEARS = 3;

/**
 * The seal's certificate, shaped after GB/T 38540 SES_Seal (电子印章数据): header (ID "ES", version,
 * vendor), esID (seal code), property (type 1 = 单位印章, name, certListType 2 = bare SM2 public keys
 * instead of X.509, certList, creation date, validity), picture (type, SM3 of the SVG, size in mm)
 * and extDatas; `signInfo` (the issuer's cert = platform root public key, the algorithm OID of
 * SM2-with-SM3, the signed value over the canonical JSON of the rest) is kept beside it.
 */
export interface SealCertificate {
  header: { id: "ES"; version: 4; vid: "tongban" };
  esID: string;
  property: {
    type: 1;
    name: string;
    certListType: 2;
    certList: string[];
    createDate: string;
    validStart: string;
    validEnd: string;
  };
  picture: { type: "svg"; dataSm3: string; width: 42; height: 42 };
  extDatas: { agencyId: number; agencyName: string; agencyCreditCode: string; rootKeyId: number };
}

interface Signer {
  seal: AgencySealRow;
  sign(message: string | Uint8Array): string;
}

async function activeRootKey(trx: Kysely<Database>, secrets: Secrets, now: Date) {
  let root = await findActiveRootKey(trx);
  if (root === undefined) {
    const pair = generateKeyPair();
    await insertRootKey(trx, {
      public_key: pair.publicKey,
      private_key_enc: secrets.encrypt(pair.privateKey),
      created_at: now,
    });
    root = await findActiveRootKey(trx);
    if (root === undefined) throw new Error("root key vanished");
  }
  return root;
}

/**
 * Makes a new seal for the agency (key pair, picture, certificate signed by the root key), retiring
 * the active one if any. Runs in the caller's transaction.
 */
async function createSeal(trx: Kysely<Database>, agencyId: number, secrets: Secrets, now: Date) {
  const agency = await getAgency(agencyId, trx);
  const root = await activeRootKey(trx, secrets, now);
  const previous = await findActiveSeal(trx, agencyId);
  if (previous !== undefined) await retireSeal(trx, previous.id, now);
  const seq = (await countAgencySeals(trx, agencyId)) + 1;
  const sealCode = `${agency.creditCode}${String(seq).padStart(3, "0")}`;
  const pair = generateKeyPair();
  const validEnd = new Date(now);
  validEnd.setUTCFullYear(validEnd.getUTCFullYear() + SEAL_VALIDITY_YEARS);
  const svg = sealSvg(agency.name, sealCode);
  const certificate: SealCertificate = {
    header: { id: "ES", version: 4, vid: "tongban" },
    esID: sealCode,
    property: {
      type: 1,
      name: `${agency.name}电子印章`,
      certListType: 2,
      certList: [pair.publicKey],
      createDate: now.toISOString(),
      validStart: now.toISOString(),
      validEnd: validEnd.toISOString(),
    },
    picture: { type: "svg", dataSm3: sm3Hex(svg), width: 42, height: 42 },
    extDatas: { agencyId, agencyName: agency.name, agencyCreditCode: agency.creditCode, rootKeyId: root.id },
  };
  const rootPrivate = secrets.decrypt(root.private_key_enc);
  const rootSignature = signSm2(canonicalJson(certificate), rootPrivate, root.public_key);
  const seal = await insertSeal(trx, {
    agency_id: agencyId,
    seal_code: sealCode,
    name: certificate.property.name,
    public_key: pair.publicKey,
    private_key_enc: secrets.encrypt(pair.privateKey),
    svg,
    png: sealPng(svg),
    valid_from: now,
    valid_to: validEnd,
    status: "active",
    root_key_id: root.id,
    certificate: canonicalJson(certificate),
    root_signature: rootSignature,
    created_at: now,
    retired_at: null,
  });
  await recordAudit(trx, {
    actor: { kind: "system", id: "system" },
    action: previous === undefined ? "seal.create" : "seal.rotate",
    entityType: "agency_seal",
    entityId: seal.id,
    before: previous === undefined ? undefined : { sealCode: previous.seal_code },
    after: { sealCode, agencyId, validEnd: validEnd.toISOString() },
    at: now,
  });
  return seal;
}

/**
 * The agency's current seal as a signer, creating (or, past its validity, rotating) it first. For
 * the caller's transaction: the signed write and a new seal commit together.
 */
export async function agencySigner(
  trx: Kysely<Database>,
  agencyId: number,
  secrets: Secrets,
  now: Date,
): Promise<Signer> {
  let seal = await findActiveSeal(trx, agencyId);
  if (seal === undefined || seal.valid_to.getTime() <= now.getTime())
    seal = await createSeal(trx, agencyId, secrets, now);
  const privateKey = secrets.decrypt(seal.private_key_enc);
  const publicKey = seal.public_key;
  return { seal, sign: (message) => signSm2(message, privateKey, publicKey) };
}

/** Whether the seal's certificate verifies under its root key and its key is the one in the certificate. */
export async function checkSeal(db: Kysely<Database>, seal: AgencySealRow) {
  const root = await findRootKey(db, seal.root_key_id);
  const cert = seal.certificate as SealCertificate;
  const isCertified =
    root !== undefined &&
    cert.property.certList[0] === seal.public_key &&
    verifySm2(canonicalJson(cert), seal.root_signature, root.public_key);
  return { isCertified, rootPublicKey: root?.public_key ?? null, certificate: cert };
}

/** The published root public key (offline verification). */
export async function getRootKey(deps: Deps) {
  const root = await deps.db.transaction().execute(async (trx) => {
    const existing = await findActiveRootKey(trx);
    if (existing !== undefined) return existing;
    const created = await activeRootKey(trx, deps.secrets, nowOf(deps));
    await recordAudit(trx, {
      actor: { kind: "system", id: "system" },
      action: "root_key.create",
      entityType: "platform_root_key",
      entityId: created.id,
      after: { publicKey: created.public_key },
    });
    return created;
  });
  return {
    keyId: root.id,
    algorithm: "SM2",
    signatureAlgorithm: SM2_WITH_SM3_OID,
    publicKey: root.public_key,
    createdAt: root.created_at.toISOString(),
  };
}

/** The seals of an agency (public metadata). @throws AppError NOT_FOUND for an unknown agency. */
export async function listSeals(agencyId: number, deps: Deps) {
  await getAgency(agencyId, deps.db);
  const rows = await listAgencySeals(deps.db, agencyId);
  return {
    items: rows.map((s) => ({
      id: s.id,
      sealCode: s.seal_code,
      name: s.name,
      status: s.status,
      validFrom: s.valid_from.toISOString(),
      validTo: s.valid_to.toISOString(),
      retiredAt: s.retired_at?.toISOString() ?? null,
    })),
  };
}

/** The seal picture. @throws AppError NOT_FOUND. */
export async function getSealPicture(sealId: number, format: "svg" | "png", deps: Deps) {
  const seal = await findSeal(deps.db, sealId);
  if (seal === undefined) throw new AppError("NOT_FOUND", "credentials.sealNotFound");
  return format === "svg" ? seal.svg : seal.png;
}

/**
 * Rotation (admin of the agency's region): a new key pair and certificate; the old seal is retired
 * and still verifies what it signed.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND.
 */
export async function rotateSeal(actor: Actor, agencyId: number, deps: Deps) {
  const agency = await getAgency(agencyId, deps.db);
  assertCan(actor, "admin.manage", { regionCode: agency.regionCode, agencyId });
  const now = nowOf(deps);
  const seal = await deps.db.transaction().execute(async (trx) => {
    const s = await createSeal(trx, agencyId, deps.secrets, now);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "seal.rotate.request",
      entityType: "agency_seal",
      entityId: s.id,
      after: { sealCode: s.seal_code },
      requestId: actor.requestId ?? null,
      at: now,
    });
    return s;
  });
  return { id: seal.id, sealCode: seal.seal_code, validTo: seal.valid_to.toISOString() };
}
