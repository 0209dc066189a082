import { createHash, createHmac, getHashes } from "node:crypto";
import { sm3 as sm3Js } from "sm-crypto-v2";

/**
 * SM3 (GB/T 32905-2016) digests and HMAC-SM3, in hex: Node's own OpenSSL implementation where
 * it has one (about three times faster), sm-crypto-v2 otherwise. Both give the same digests
 * (test/unit/secrets.test.ts checks them against each other and the standard's test vector).
 */
const NATIVE = getHashes().includes("sm3");

export function sm3Hex(data: string | Uint8Array): string {
  return NATIVE ? createHash("sm3").update(data).digest("hex") : sm3Js(data);
}

/** HMAC-SM3 with a key given in hex. */
export function hmacSm3Hex(keyHex: string, data: string): string {
  return NATIVE
    ? createHmac("sm3", Buffer.from(keyHex, "hex")).update(data).digest("hex")
    : sm3Js(data, { key: keyHex, mode: "hmac" });
}

/** The implementation in use, for the record of benchmarks. */
export const SM3_IMPLEMENTATION = NATIVE ? "OpenSSL (node:crypto)" : "sm-crypto-v2";
