import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hkdf, sm4 } from "sm-crypto-v2";
import { hmacSm3Hex } from "./sm3.js";

/**
 * Field encryption and keyed digests with 国密 algorithms, all derived from one master key:
 * - SM4-GCM for personal data at rest (ID numbers, phone numbers), random 96-bit IV per value;
 * - HMAC-SM3 blind indexes for exact lookup of encrypted values;
 * - HMAC-SM3 for CSRF tokens and session ids.
 * The master key comes from TONGBAN_MASTER_KEY, or from DATA_DIR/master.key (created 0600 on first
 * start); it is never in the repository or the database.
 */
export interface Secrets {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed digest for exact-match lookup (purpose-separated). */
  blindIndex(purpose: "id_number" | "phone" | "login", value: string): string;
  /** HMAC-SM3 for tokens (CSRF). */
  mac(purpose: string, value: string): string;
}

const PREFIX = "sm4gcm:v1";

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

export function createSecrets(masterKeyHex: string): Secrets {
  if (!/^[0-9a-f]{64}$/i.test(masterKeyHex))
    throw new Error("master key must be 64 hex characters (256 bits)");
  const master = Buffer.from(masterKeyHex, "hex");
  const encKey = toHex(hkdf(master, "tongban", "field-encryption/sm4", 16));
  const indexKey = toHex(hkdf(master, "tongban", "blind-index/sm3", 32));
  const macKey = toHex(hkdf(master, "tongban", "token-mac/sm3", 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12).toString("hex");
      const { output, tag } = sm4.encrypt(plain, encKey, { mode: "gcm", iv, outputTag: true });
      return `${PREFIX}:${iv}:${output}:${tag ?? ""}`;
    },
    decrypt(sealed) {
      const parts = sealed.split(":");
      if (parts.length !== 5 || `${parts[0]}:${parts[1]}` !== PREFIX)
        throw new Error("not an sm4gcm:v1 value");
      const [, , iv, output, tag] = parts as [string, string, string, string, string];
      return sm4.decrypt(output, encKey, { mode: "gcm", iv, tag });
    },
    blindIndex(purpose, value) {
      return hmacSm3Hex(indexKey, `${purpose}\u0000${value}`);
    },
    mac(purpose, value) {
      return hmacSm3Hex(macKey, `${purpose}\u0000${value}`);
    },
  };
}

/** Reads the master key from the environment, or from (creating) DATA_DIR/master.key. */
export function loadMasterKey(envKey: string | undefined, dataDir: string): string {
  if (envKey !== undefined && envKey !== "") return envKey;
  const file = path.join(dataDir, "master.key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return key;
}

export function randomMasterKey(): string {
  return randomBytes(32).toString("hex");
}
