import { AppError } from "../../../shared/errors.js";
import type { Deps } from "../../http/context.js";
import { findSeal } from "./seals.queries.js";
import { checkSeal } from "./seals.service.js";
import { SM2_WITH_SM3_OID, sm3Hex } from "./sm2.js";

/** SM3 of a public key's bytes, shown as 16 colon-separated byte pairs: what people compare by eye. */
export function keyFingerprint(publicKeyHex: string): string {
  return (
    sm3Hex(new Uint8Array(Buffer.from(publicKeyHex, "hex")))
      .slice(0, 32)
      .match(/../g) ?? []
  )
    .join(":")
    .toUpperCase();
}

/**
 * A seal's certificate as issued by the platform root key: subject, serial (印章编码), validity,
 * public key and its fingerprint, the issuer (root key) and whether the root signature verifies.
 * Public like the seal picture: it is what a relying party verifies signed documents with.
 * @throws AppError NOT_FOUND.
 */
export async function getSealCertificate(sealId: number, deps: Deps) {
  const seal = await findSeal(deps.db, sealId);
  if (seal === undefined) throw new AppError("NOT_FOUND", "credentials.sealNotFound");
  const { isCertified, rootPublicKey, certificate } = await checkSeal(deps.db, seal);
  return {
    sealId: seal.id,
    serial: certificate.esID,
    subject: {
      name: certificate.property.name,
      agencyId: certificate.extDatas.agencyId,
      agencyName: certificate.extDatas.agencyName,
      agencyCreditCode: certificate.extDatas.agencyCreditCode,
    },
    issuer: {
      rootKeyId: seal.root_key_id,
      rootPublicKey,
      rootFingerprint: rootPublicKey === null ? null : keyFingerprint(rootPublicKey),
    },
    status: seal.status,
    validFrom: certificate.property.validStart,
    validTo: certificate.property.validEnd,
    retiredAt: seal.retired_at?.toISOString() ?? null,
    publicKey: seal.public_key,
    publicKeyFingerprint: keyFingerprint(seal.public_key),
    signatureAlgorithm: SM2_WITH_SM3_OID,
    rootSignature: seal.root_signature,
    isCertified,
    certificate: certificate as unknown as Record<string, unknown>,
  };
}
