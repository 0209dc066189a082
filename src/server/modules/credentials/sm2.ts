import { sm2, sm3 } from "sm-crypto-v2";

/**
 * SM2 with SM3 (GB/T 32918, GM/T 0009): the signer's Z value (default user id
 * 1234567812345678) and the message are hashed with SM3 and that digest is signed. Signatures are
 * the raw r‖s in hex (128 characters); public keys uncompressed hex (04‖x‖y).
 */
export const SM2_WITH_SM3_OID = "1.2.156.10197.1.501";

export function generateKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { publicKey, privateKey };
}

export function signSm2(message: string | Uint8Array, privateKey: string, publicKey: string): string {
  return sm2.doSignature(message, privateKey, { hash: true, publicKey });
}

/** False (never a throw) for a malformed signature or key. */
export function verifySm2(message: string | Uint8Array, signature: string, publicKey: string): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^04[0-9a-f]{128}$/i.test(publicKey)) return false;
  try {
    return sm2.doVerifySignature(message, signature, publicKey, { hash: true });
  } catch {
    return false;
  }
}

export const sm3Hex = (data: string | Uint8Array): string => sm3(data);
