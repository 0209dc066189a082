import type { z } from "zod";
import type {
  bundleMaterialPlanResponse,
  groupEvaluationResponse,
  myBundleApplicationsResponse,
} from "../../../shared/contracts/bundle-applicant.js";
import type { bundleApplicationResponse, bundleApplyBody } from "../../../shared/contracts/bundles.js";
import type { applyBody, caseListResponse, caseResponse } from "../../../shared/contracts/cases.js";
import type { complaintResponse, fileComplaintBody } from "../../../shared/contracts/complaints.js";
import type { evaluationResponse, rateBody } from "../../../shared/contracts/reviews.js";
import { api, apiWithProgress } from "../../api/client.js";

export type CaseView = z.infer<typeof caseResponse>;
export type CaseList = z.infer<typeof caseListResponse>;
export type ApplyInput = z.input<typeof applyBody>;
export type Evaluation = z.infer<typeof evaluationResponse>;
export type Complaint = z.infer<typeof complaintResponse>;

/** Submits an application; the idempotency key makes a repeat (double click, lost answer) return the same case. */
export function submitApplication(
  input: ApplyInput,
  idempotencyKey: string,
  onProgress?: (fraction: number) => void,
): Promise<CaseView> {
  return apiWithProgress<CaseView>("POST", "/api/v1/cases", input, {
    headers: { "idempotency-key": idempotencyKey },
    ...(onProgress === undefined ? {} : { onProgress }),
  });
}

export const listMyCases = () => api<CaseList>("GET", "/api/v1/cases?limit=50");
export const getCase = (id: string) => api<CaseView>("GET", `/api/v1/cases/${encodeURIComponent(id)}`);
export const withdrawCase = (id: string, lockVersion: number) =>
  api<CaseView>("POST", `/api/v1/cases/${encodeURIComponent(id)}/withdrawal`, { lockVersion });
export const supplyMaterials = (
  id: string,
  materials: { key: string; fileName: string; contentType: string; dataBase64: string }[],
  onProgress?: (fraction: number) => void,
) =>
  apiWithProgress<CaseView>(
    "POST",
    `/api/v1/cases/${encodeURIComponent(id)}/supplements`,
    { materials },
    onProgress === undefined ? {} : { onProgress },
  );
export const getEvaluation = (id: string) =>
  api<Evaluation>("GET", `/api/v1/cases/${encodeURIComponent(id)}/evaluation`);
export const rateCase = (id: string, body: z.input<typeof rateBody>) =>
  api<unknown>("POST", `/api/v1/cases/${encodeURIComponent(id)}/evaluation`, body);
export const fileComplaint = (body: z.input<typeof fileComplaintBody>) =>
  api<Complaint>("POST", "/api/v1/complaints", body);
export const workdaysBetween = (from: string, to: string) =>
  api<{ count: number }>("GET", `/api/v1/calendar/workdays?${new URLSearchParams({ from, to }).toString()}`);

/** Reads a file as base64 (without the data: prefix), reporting progress (0..1). */
export function readFileBase64(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.onload = () => {
      const url = typeof reader.result === "string" ? reader.result : "";
      onProgress?.(1);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Today in China (the server's calendar day), as YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A signed (sealed) PDF of a case's notice or decision. */
export interface SignedDocument {
  id: string;
  noticeId: number | null;
  kind: string;
  title: string;
  signedAt: string;
  pdfSm3: string;
}
export const listCaseDocuments = (caseId: string) =>
  api<{ items: SignedDocument[] }>("GET", `/api/v1/cases/${encodeURIComponent(caseId)}/documents`);

/** One e-license in the holder's wallet. */
export interface WalletLicense {
  id: string;
  identifier: string;
  typeName: string;
  licenseNumber: string;
  version: number;
  status: "valid" | "revoked" | "expired";
  validFrom: string;
  validTo: string | null;
  issuedAt: string;
  revocationReason: string | null;
}
export const listMyLicenses = () => api<{ items: WalletLicense[] }>("GET", "/api/v1/me/licenses");

/** 免证办: per material of a guide, whether a held license or shared data satisfies it. */
export interface MaterialPlan {
  key: string;
  satisfiedBy: { kind: "license" | "shared_data"; identifier: string | null; validTo: string | null } | null;
  needsUpload: boolean;
}
export const planMaterials = (guideCode: string) =>
  api<{ guideCode: string; items: MaterialPlan[] }>(
    "GET",
    `/api/v1/me/guides/${encodeURIComponent(guideCode)}/materials`,
  );

/** 一件事: one form → a parent case and a sub-case per item (same idempotency rule as single items). */
export type BundleApplication = z.infer<typeof bundleApplicationResponse>;
export function submitBundleApplication(
  code: string,
  input: z.input<typeof bundleApplyBody>,
  idempotencyKey: string,
  onProgress?: (fraction: number) => void,
): Promise<BundleApplication> {
  return apiWithProgress<BundleApplication>(
    "POST",
    `/api/v1/bundles/${encodeURIComponent(code)}/applications`,
    input,
    { headers: { "idempotency-key": idempotencyKey }, ...(onProgress === undefined ? {} : { onProgress }) },
  );
}
export const getBundleApplication = (id: string) =>
  api<BundleApplication>("GET", `/api/v1/bundles/applications/${encodeURIComponent(id)}`);

/** 一件事 from the applicant's side: 免证办 plan, my applications, withdrawal, rating. */
export const planBundleMaterials = (code: string) =>
  api<z.infer<typeof bundleMaterialPlanResponse>>(
    "GET",
    `/api/v1/me/bundles/${encodeURIComponent(code)}/materials`,
  );
export type MyBundleApplications = z.infer<typeof myBundleApplicationsResponse>;
export const listMyBundleApplications = () =>
  api<MyBundleApplications>("GET", "/api/v1/me/bundle-applications?limit=50");
export const withdrawBundleApplication = (id: string) =>
  api<BundleApplication>("POST", `/api/v1/bundles/applications/${encodeURIComponent(id)}/withdrawal`, {});
export type BundleEvaluation = z.infer<typeof groupEvaluationResponse>;
export const getBundleEvaluation = (id: string) =>
  api<BundleEvaluation>("GET", `/api/v1/bundles/applications/${encodeURIComponent(id)}/evaluation`);
export const rateBundleApplication = (id: string, body: z.input<typeof rateBody>) =>
  api<unknown>("POST", `/api/v1/bundles/applications/${encodeURIComponent(id)}/evaluation`, body);
