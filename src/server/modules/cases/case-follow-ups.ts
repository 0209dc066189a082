import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import { enqueueFollowUp } from "../../jobs/jobs.outbox.js";

/**
 * What other modules do after a case transition, as jobs enqueued in the transition's transaction
 * (the cases module does not import them; their handlers are registered in jobs/jobs.ts):
 * a written notice was issued (credentials signs it as a sealed PDF), a case was approved
 * (credentials issues the e-license when the guide's result is one).
 */
export const noticeIssuedJob = {
  name: "cases.notice_issued",
  payload: z.object({ caseId: z.uuid(), noticeId: z.number().int().positive() }),
};
export const caseApprovedJob = {
  name: "cases.approved",
  payload: z.object({ caseId: z.uuid() }),
};

export async function enqueueNoticeIssued(
  trx: Kysely<Database>,
  caseId: string,
  noticeId: number,
  now: Date,
) {
  await enqueueFollowUp(
    trx,
    noticeIssuedJob,
    { caseId, noticeId },
    { idempotencyKey: `notice:${noticeId}`, runAt: now },
  );
}

export async function enqueueCaseApproved(trx: Kysely<Database>, caseId: string, now: Date) {
  await enqueueFollowUp(
    trx,
    caseApprovedJob,
    { caseId },
    { idempotencyKey: `case-approved:${caseId}`, runAt: now },
  );
}

/**
 * 免证办 port: finds the applicant's valid e-license of a type (optionally a given identifier).
 * Provided at start by the credentials module; absent, no license is attached or accepted.
 */
export type HeldLicenseLookup = (
  applicantId: string,
  licenseTypeKey: string,
  identifier: string | undefined,
  deps: Deps,
) => Promise<{ reference: string } | undefined>;

let heldLicenseLookup: HeldLicenseLookup | undefined;

export function provideHeldLicenseLookup(lookup: HeldLicenseLookup): void {
  heldLicenseLookup = lookup;
}

export function findHeldLicenseFor(...args: Parameters<HeldLicenseLookup>) {
  return heldLicenseLookup === undefined ? Promise.resolve(undefined) : heldLicenseLookup(...args);
}
