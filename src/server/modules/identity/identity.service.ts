import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { isCreditCode } from "../../../shared/codes/credit-code.js";
import { idNumberProblem, isIdNumber, normalizeIdNumber } from "../../../shared/codes/id-number.js";
import { maskIdNumber, maskPhone } from "../../../shared/codes/masking.js";
import type { LoginBody, RegisterBody } from "../../../shared/contracts/identity.js";
import { AppError } from "../../../shared/errors.js";
import type { MessageKey } from "../../../shared/i18n/messages.js";
import {
  ROLE_POLICY,
  can,
  holdsAnywhere,
  isSelf,
  requireUser,
  scopesFor,
} from "../../access/access.policy.js";
import { toAuditActor, type Actor, type Grant, type UserActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import { MicroBatcher } from "../../db/micro-batch.js";
import { sm3Hex } from "../../security/sm3.js";
import type { Database, Role, SessionKind, UserRow } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import type { Secrets } from "../../security/secrets.js";
import { assertCreditCode, getAgency } from "../agencies/agencies.service.js";
import {
  clearThrottle,
  deleteExpiredSessions,
  deleteStaleThrottles,
  findUnrevokedSessionsWithGrants,
  findUserByCreditCode,
  findUserById,
  findUserByIdNumberIndex,
  findUserByLoginName,
  findUsersByPhoneIndex,
  insertGrant,
  insertSession,
  insertUser,
  listGrants,
  listStaff,
  lockThrottle,
  putThrottle,
  readThrottles,
  revokeSession,
} from "./identity.queries.js";
import {
  hashPassword,
  passwordProblem,
  verifyAgainstDummy,
  verifyPassword,
  type PasswordProblem,
} from "./identity.passwords.js";
import { claimWindowAccount, isUnclaimed } from "./identity.window.js";

export const SESSION_TTL_MS: Record<SessionKind, number> = {
  cookie: 12 * 3600_000,
  bearer: 30 * 24 * 3600_000,
};

/** 登录限流: an account locks after 5 failures in 15 minutes, an IP after 50; both for 15 minutes. */
export const THROTTLE = { windowMs: 15 * 60_000, lockMs: 15 * 60_000, accountLimit: 5, ipLimit: 50 } as const;

const PASSWORD_MESSAGES: Record<PasswordProblem, MessageKey> = {
  length: "identity.passwordLength",
  classes: "identity.passwordClasses",
  containsIdentifier: "identity.passwordContainsIdentifier",
};

function assertPassword(password: string, identifier: string): void {
  const problem = passwordProblem(password, identifier);
  if (problem === undefined) return;
  const key = PASSWORD_MESSAGES[problem];
  throw new AppError("VALIDATION_FAILED", key, {}, [{ path: "password", message: key }]);
}

export function assertIdNumber(idNumber: string): void {
  const problem = idNumberProblem(idNumber);
  if (problem === undefined) return;
  const key: MessageKey =
    problem === "check"
      ? "identity.idNumberCheck"
      : problem === "birthDate"
        ? "identity.idNumberBirthDate"
        : "identity.idNumberFormat";
  throw new AppError("VALIDATION_FAILED", key, {}, [{ path: "idNumber", message: key }]);
}

export function csrfTokenFor(secrets: Secrets, sessionId: string): string {
  return secrets.mac("csrf", sessionId);
}

function sessionIdOf(token: string): string {
  return sm3Hex(token);
}

async function grantsOf(db: Kysely<Database>, userId: string) {
  const rows = await listGrants(db, userId);
  return rows.map((g) => ({
    role: g.role,
    roleName: ROLE_POLICY[g.role].name,
    agencyId: g.agency_id,
    agencyName: g.agency_name,
    regionCode: g.region_code,
  }));
}

async function toMe(user: UserRow, deps: Deps) {
  return {
    id: user.id,
    kind: user.kind,
    displayName: user.display_name,
    loginName: user.login_name,
    idNumber: user.id_number_enc === null ? null : deps.secrets.decrypt(user.id_number_enc),
    phone: user.phone_enc === null ? null : deps.secrets.decrypt(user.phone_enc),
    creditCode: user.credit_code,
    agencyId: user.agency_id,
    grants: await grantsOf(deps.db, user.id),
  };
}

export type MeDto = Awaited<ReturnType<typeof toMe>>;

/** Audit-safe view of a user: never the password hash or clear personal data. */
function auditView(user: Pick<UserRow, "id" | "kind" | "login_name" | "agency_id" | "credit_code">) {
  return {
    id: user.id,
    kind: user.kind,
    loginName: user.login_name,
    agencyId: user.agency_id,
    creditCode: user.credit_code,
  };
}

/**
 * 统一身份认证 registration of a natural person (ID number, GB 11643) or a legal person (credit code).
 * @throws AppError VALIDATION_FAILED naming the field; CONFLICT when already registered.
 */
export async function registerApplicant(actor: Actor, input: RegisterBody, deps: Deps): Promise<MeDto> {
  const { secrets } = deps;
  let fields: { id_number_enc: string | null; id_number_bidx: string | null; credit_code: string | null };
  let identifier: string;
  if (input.kind === "person") {
    const idNumber = normalizeIdNumber(input.idNumber);
    assertIdNumber(idNumber);
    identifier = idNumber;
    fields = {
      id_number_enc: secrets.encrypt(idNumber),
      id_number_bidx: secrets.blindIndex("id_number", idNumber),
      credit_code: null,
    };
  } else {
    const creditCode = input.creditCode.toUpperCase();
    assertCreditCode(creditCode);
    identifier = creditCode;
    fields = { id_number_enc: null, id_number_bidx: null, credit_code: creditCode };
  }
  assertPassword(input.password, identifier);
  const passwordHash = await hashPassword(input.password);
  // 认领: an account opened at a window (no password yet) is claimed with the phone recorded there.
  const opened =
    fields.id_number_bidx !== null
      ? await findUserByIdNumberIndex(deps.db, fields.id_number_bidx)
      : await findUserByCreditCode(deps.db, fields.credit_code ?? "");
  if (opened !== undefined && isUnclaimed(opened)) {
    await claimWindowAccount(actor, opened, { kind: input.kind, phone: input.phone, passwordHash }, deps);
    const claimed = await findUserById(deps.db, opened.id);
    if (claimed === undefined) throw new Error("claimed user not found");
    return toMe(claimed, deps);
  }
  const id = randomUUID();
  const user = await deps.db.transaction().execute(async (trx) => {
    const existing =
      fields.id_number_bidx !== null
        ? await findUserByIdNumberIndex(trx, fields.id_number_bidx)
        : await findUserByCreditCode(trx, fields.credit_code ?? "");
    if (existing !== undefined) throw new AppError("CONFLICT", "identity.alreadyRegistered");
    const row = {
      id,
      kind: input.kind,
      login_name: null,
      display_name: input.name,
      ...fields,
      phone_enc: secrets.encrypt(input.phone),
      phone_bidx: secrets.blindIndex("phone", input.phone),
      agency_id: null,
      password_hash: passwordHash,
    };
    await insertUser(trx, row);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "identity.register",
      entityType: "user",
      entityId: id,
      after: auditView(row),
      requestId: actor.requestId ?? null,
    });
    return findUserById(trx, id);
  });
  if (user === undefined) throw new Error("registered user not found");
  return toMe(user, deps);
}

export interface StaffInput {
  loginName: string;
  displayName: string;
  phone?: string;
  password: string;
  agencyId: number;
  grants: { role: Role; regionCode?: string }[];
}

/**
 * Creates a staff account of an agency with its role grants; a grant's scope defaults to the
 * agency's region and must lie within it... or within the creator's own admin scope.
 * @throws AppError FORBIDDEN unless the actor administers the agency's region; VALIDATION_FAILED; CONFLICT.
 */
export async function createStaffUser(actor: Actor, input: StaffInput, deps: Deps): Promise<MeDto> {
  const agency = await getAgency(input.agencyId, deps.db);
  if (!can(actor, "admin.manage", { regionCode: agency.regionCode })) {
    throw new AppError("FORBIDDEN", "error.forbidden");
  }
  const loginName = input.loginName.trim().toLowerCase();
  if (!/^[a-z][a-z0-9._-]{2,63}$/.test(loginName)) {
    throw new AppError("VALIDATION_FAILED", "identity.invalidLoginName", {}, [
      { path: "loginName", message: "identity.invalidLoginName" },
    ]);
  }
  assertPassword(input.password, loginName);
  for (const g of input.grants) {
    const scope = g.regionCode ?? agency.regionCode;
    if (!can(actor, "admin.manage", { regionCode: scope }))
      throw new AppError("FORBIDDEN", "error.forbidden", {}, { grant: g });
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const { secrets } = deps;
  const user = await deps.db.transaction().execute(async (trx) => {
    if ((await findUserByLoginName(trx, loginName)) !== undefined)
      throw new AppError("CONFLICT", "identity.loginNameTaken", { loginName });
    const row = {
      id,
      kind: "staff" as const,
      login_name: loginName,
      display_name: input.displayName,
      id_number_enc: null,
      id_number_bidx: null,
      phone_enc: input.phone === undefined ? null : secrets.encrypt(input.phone),
      phone_bidx: input.phone === undefined ? null : secrets.blindIndex("phone", input.phone),
      credit_code: null,
      agency_id: input.agencyId,
      password_hash: passwordHash,
    };
    await insertUser(trx, row);
    const by = actor.kind === "anonymous" ? null : actor.id;
    for (const g of input.grants) {
      await insertGrant(trx, {
        user_id: id,
        role: g.role,
        agency_id: input.agencyId,
        region_code: g.regionCode ?? agency.regionCode,
        granted_by: by,
      });
    }
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "identity.staff.create",
      entityType: "user",
      entityId: id,
      after: { ...auditView(row), grants: input.grants },
      requestId: actor.requestId ?? null,
    });
    return findUserById(trx, id);
  });
  if (user === undefined) throw new Error("created user not found");
  return toMe(user, deps);
}

async function findByIdentifier(identifier: string, deps: Deps): Promise<UserRow | undefined> {
  const upper = identifier.trim().toUpperCase();
  if (isIdNumber(upper)) return findUserByIdNumberIndex(deps.db, deps.secrets.blindIndex("id_number", upper));
  if (isCreditCode(upper)) return findUserByCreditCode(deps.db, upper);
  if (/^1\d{10}$/.test(upper)) {
    const matches = await findUsersByPhoneIndex(deps.db, deps.secrets.blindIndex("phone", upper));
    return matches.length === 1 ? matches[0] : undefined;
  }
  return findUserByLoginName(deps.db, identifier.trim().toLowerCase());
}

export interface LoginMeta {
  ip: string;
  userAgent: string | null;
  now: Date;
}

export interface LoginResult {
  user: MeDto;
  token: string;
  sessionKind: SessionKind;
  csrfToken: string | null;
  expiresAt: Date;
}

/**
 * Password login. Creates a server-side session (cookie or bearer). Unknown accounts cost the same
 * time as known ones; failures count per account and per IP and lock both for a while.
 * @throws AppError RATE_LIMITED while locked; UNAUTHENTICATED for wrong credentials (never saying which part).
 */
export async function login(input: LoginBody, meta: LoginMeta, deps: Deps): Promise<LoginResult> {
  const accountKey = `acct:${deps.secrets.mac("login", input.identifier.trim().toUpperCase())}`;
  const ipKey = `ip:${meta.ip}`;
  const throttles = await readThrottles(deps.db, [accountKey, ipKey]);
  const locked = throttles.find((t) => t.locked_until !== null && t.locked_until > meta.now);
  if (locked?.locked_until) {
    const minutes = Math.max(1, Math.ceil((locked.locked_until.getTime() - meta.now.getTime()) / 60_000));
    throw new AppError("RATE_LIMITED", "identity.tooManyAttempts", { minutes });
  }

  const user = await findByIdentifier(input.identifier, deps);
  let isValid = false;
  if (user === undefined || isUnclaimed(user)) await verifyAgainstDummy(input.password);
  else isValid = user.is_active && (await verifyPassword(user.password_hash, input.password));

  if (!isValid) {
    await deps.db.transaction().execute(async (trx) => {
      for (const [key, limit] of [
        [accountKey, THROTTLE.accountLimit],
        [ipKey, THROTTLE.ipLimit],
      ] as const) {
        const row = await lockThrottle(trx, key);
        const isFresh =
          row === undefined || row.window_started_at.getTime() < meta.now.getTime() - THROTTLE.windowMs;
        const failures = isFresh ? 1 : row.failures + 1;
        await putThrottle(trx, {
          key,
          failures,
          window_started_at: isFresh ? meta.now : row.window_started_at,
          locked_until: failures >= limit ? new Date(meta.now.getTime() + THROTTLE.lockMs) : null,
        });
      }
      await recordAudit(trx, {
        actor: { kind: "anonymous", id: null },
        action: "identity.login.failed",
        entityType: "user",
        entityId: user?.id ?? null,
        after: { ip: meta.ip },
        at: meta.now,
      });
    });
    throw new AppError("UNAUTHENTICATED", "identity.badCredentials");
  }
  if (user === undefined) throw new Error("unreachable");

  const token = randomBytes(32).toString("base64url");
  const sessionId = sessionIdOf(token);
  const sessionKind: SessionKind = input.mode === "token" ? "bearer" : "cookie";
  const expiresAt = new Date(meta.now.getTime() + SESSION_TTL_MS[sessionKind]);
  await deps.db.transaction().execute(async (trx) => {
    await clearThrottle(trx, accountKey);
    await insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      kind: sessionKind,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent,
    });
    await recordAudit(trx, {
      actor: { kind: "user", id: user.id },
      action: "identity.login",
      entityType: "session",
      entityId: sessionId.slice(0, 16),
      after: { kind: sessionKind, ip: meta.ip, expiresAt },
      at: meta.now,
    });
  });
  return {
    user: await toMe(user, deps),
    token,
    sessionKind,
    csrfToken: sessionKind === "cookie" ? csrfTokenFor(deps.secrets, sessionId) : null,
    expiresAt,
  };
}

type LiveSession = Awaited<ReturnType<typeof findUnrevokedSessionsWithGrants>>[number];

/**
 * Session look-ups of requests arriving together share one query (micro-batching, no cache: each
 * request's session is read after the request arrived, so a logout or revocation takes effect at
 * once, on every instance).
 */
const sessionReaders = new WeakMap<
  Kysely<Database>,
  MicroBatcher<{ id: string; now: Date }, LiveSession | null>
>();

function sessionReaderFor(db: Kysely<Database>) {
  let reader = sessionReaders.get(db);
  if (reader === undefined) {
    reader = new MicroBatcher({
      run: async (items) => {
        const rows = await findUnrevokedSessionsWithGrants(db, [...new Set(items.map((i) => i.id))]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return items.map((i) => {
          const r = byId.get(i.id);
          return r !== undefined && r.expires_at > i.now ? r : null;
        });
      },
      maxBatch: 64,
      maxInFlight: 4,
    });
    sessionReaders.set(db, reader);
  }
  return reader;
}

/** Resolves a session token to the acting user, or undefined when unknown, expired or revoked. */
export async function authenticate(
  token: string,
  deps: Deps,
  now: Date,
  requestId?: string,
): Promise<UserActor | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const session = await sessionReaderFor(deps.db).submit({ id: sessionIdOf(token), now });
  if (session === null) return undefined;
  const grants: Grant[] = session.grants.map((g) => ({
    role: g.role,
    agencyId: Number(g.agency_id),
    regionCode: g.region_code,
  }));
  return {
    kind: "user",
    id: session.user_id,
    userKind: session.user_kind,
    agencyId: session.agency_id,
    grants,
    sessionId: session.id,
    sessionKind: session.kind,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/** Ends the current session. @throws AppError UNAUTHENTICATED when not logged in. */
export async function logout(actor: Actor, deps: Deps, now: Date): Promise<void> {
  const user = requireUser(actor);
  if (user.sessionId === undefined) return;
  const sessionId = user.sessionId;
  await deps.db.transaction().execute(async (trx) => {
    if (await revokeSession(trx, sessionId, now)) {
      await recordAudit(trx, {
        actor: toAuditActor(actor),
        action: "identity.logout",
        entityType: "session",
        entityId: sessionId.slice(0, 16),
        requestId: actor.requestId ?? null,
        at: now,
      });
    }
  });
}

/** The logged-in user's own account, unmasked, with grants. @throws AppError UNAUTHENTICATED. */
export async function getMe(actor: Actor, deps: Deps) {
  const self = requireUser(actor);
  const user = await findUserById(deps.db, self.id);
  if (user === undefined) throw new AppError("UNAUTHENTICATED", "error.unauthenticated");
  const me = await toMe(user, deps);
  const csrfToken =
    self.sessionKind === "cookie" && self.sessionId !== undefined
      ? csrfTokenFor(deps.secrets, self.sessionId)
      : null;
  return { ...me, csrfToken };
}

/**
 * A user's profile. The owner sees it whole; a window clerk (for intake) or an administrator of
 * the staff member's region sees it masked; anyone else is told it does not exist (no enumeration).
 * @throws AppError UNAUTHENTICATED, NOT_FOUND.
 */
export async function getProfile(actor: Actor, userId: string, deps: Deps) {
  requireUser(actor);
  const user = await findUserById(deps.db, userId);
  const notFound = new AppError("NOT_FOUND", "identity.userNotFound");
  if (user === undefined) throw notFound;
  const isOwner = isSelf(actor, userId);
  if (!isOwner) {
    let allowed = false;
    if (user.kind === "staff" && user.agency_id !== null) {
      const agency = await getAgency(user.agency_id, deps.db);
      allowed = can(actor, "admin.manage", { regionCode: agency.regionCode, agencyId: agency.id });
    } else {
      allowed = holdsAnywhere(actor, "case.intake");
    }
    if (!allowed) throw notFound;
  }
  const idNumber = user.id_number_enc === null ? null : deps.secrets.decrypt(user.id_number_enc);
  const phone = user.phone_enc === null ? null : deps.secrets.decrypt(user.phone_enc);
  return {
    id: user.id,
    kind: user.kind,
    displayName: user.display_name,
    idNumber: idNumber === null || isOwner ? idNumber : maskIdNumber(idNumber),
    phone: phone === null || isOwner ? phone : maskPhone(phone),
    creditCode: user.credit_code,
    isMasked: !isOwner,
  };
}

/**
 * Staff accounts an administrator may see: exactly those of agencies in their region subtree.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (no admin grant at all).
 */
export async function listStaffUsers(
  actor: Actor,
  q: { agencyId?: number; after?: string; limit: number },
  deps: Deps,
) {
  requireUser(actor);
  if (!holdsAnywhere(actor, "admin.manage")) throw new AppError("FORBIDDEN", "error.forbidden");
  const rows = await listStaff(deps.db, scopesFor(actor, "admin.manage"), { ...q, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    loginName: r.login_name,
    displayName: r.display_name,
    phone: r.phone_enc === null ? null : maskPhone(deps.secrets.decrypt(r.phone_enc)),
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    regionCode: r.region_code,
  }));
  return { items, nextAfter: rows.length > q.limit ? (items[items.length - 1]?.loginName ?? null) : null };
}

/**
 * Housekeeping job: removes sessions that ended more than a day ago and login counters whose
 * window and lock are long over. Idempotent.
 */
export async function purgeExpiredSessions(
  db: Kysely<Database>,
  now: Date,
): Promise<{ sessions: number; throttles: number }> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  return db.transaction().execute(async (trx) => {
    const sessions = await deleteExpiredSessions(trx, dayAgo);
    const throttles = await deleteStaleThrottles(trx, dayAgo);
    if (sessions + throttles > 0) {
      await recordAudit(trx, {
        actor: { kind: "system", id: "jobs" },
        action: "identity.sessions.purge",
        entityType: "session",
        after: { sessions, throttles },
        at: now,
      });
    }
    return { sessions, throttles };
  });
}

/**
 * Window intake: the applicant with this ID number (by its blind index) or credit code, masked.
 * Only staff who take in cases may look up; an unknown number is NOT_FOUND.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (no intake grant), NOT_FOUND.
 */
export async function findApplicant(
  actor: Actor,
  q: { idNumber?: string | undefined; creditCode?: string | undefined },
  deps: Deps,
) {
  requireUser(actor);
  if (!holdsAnywhere(actor, "case.intake")) throw new AppError("FORBIDDEN", "error.forbidden");
  const user =
    q.idNumber !== undefined
      ? await findUserByIdNumberIndex(
          deps.db,
          deps.secrets.blindIndex("id_number", normalizeIdNumber(q.idNumber)),
        )
      : await findUserByCreditCode(deps.db, (q.creditCode ?? "").toUpperCase());
  if (user === undefined || user.kind === "staff") throw new AppError("NOT_FOUND", "identity.userNotFound");
  return getProfile(actor, user.id, deps);
}

/**
 * The real-name profile of an applicant for a system decision (a 秒批 job), unmasked; no actor.
 * @throws AppError NOT_FOUND.
 */
export async function profileForSystem(userId: string, deps: Deps) {
  const user = await findUserById(deps.db, userId);
  if (user === undefined) throw new AppError("NOT_FOUND", "identity.userNotFound");
  return {
    id: user.id,
    kind: user.kind,
    displayName: user.display_name,
    idNumber: user.id_number_enc === null ? null : deps.secrets.decrypt(user.id_number_enc),
    phone: user.phone_enc === null ? null : deps.secrets.decrypt(user.phone_enc),
    creditCode: user.credit_code,
  };
}
