import argon2 from "argon2";

/**
 * argon2id (memory-hard) with OWASP's minimum profile: 19 MiB, 2 passes, 1 lane.
 * Parameters are stored in each hash, so they can be raised later without breaking old hashes.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the account does not exist, so that timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("tongban-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}

export type PasswordProblem = "length" | "classes" | "containsIdentifier";

/**
 * Password policy (等保 2.0 level 3 practice): 10–128 characters, at least three of lower case,
 * upper case, digits and symbols, and not containing the login identifier.
 */
export function passwordProblem(password: string, identifier?: string): PasswordProblem | undefined {
  if (password.length < 10 || password.length > 128) return "length";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return "classes";
  if (
    identifier !== undefined &&
    identifier.length >= 4 &&
    password.toLowerCase().includes(identifier.toLowerCase())
  ) {
    return "containsIdentifier";
  }
  return undefined;
}
