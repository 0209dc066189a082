import { z } from "zod";

/** 一件事 applications from the applicant's side: 免证办 plan, withdrawal, rating, my applications. */

export const groupWithdrawBody = z
  .object({ reason: z.string().min(1).max(500).optional() })
  .strict()
  .default({});

export const myBundleApplicationsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(50) })
  .strict();

export const myBundleApplicationsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      caseNumber: z.string(),
      kind: z.string(),
      refCode: z.string(),
      title: z.string(),
      status: z.string(),
      promisedDue: z.string().nullable(),
      submittedAt: z.string(),
      completedAt: z.string().nullable(),
    }),
  ),
});

export const bundleMaterialPlanResponse = z.object({
  bundleCode: z.string(),
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      isRequired: z.boolean(),
      source: z.string(),
      licenseTypeCode: z.string().nullable(),
      satisfiedBy: z
        .object({
          kind: z.enum(["license", "shared_data"]),
          identifier: z.string().nullable(),
          validTo: z.string().nullable(),
        })
        .nullable(),
      needsUpload: z.boolean(),
    }),
  ),
});

export const groupRateResponse = z.object({
  items: z.array(
    z.object({ caseId: z.string(), evaluationId: z.number(), rectificationDue: z.string().nullable() }),
  ),
});

export const groupEvaluationResponse = z.object({
  isRateable: z.boolean(),
  isRated: z.boolean(),
  items: z.array(
    z.object({
      caseId: z.string(),
      caseNumber: z.string(),
      itemName: z.string(),
      agencyName: z.string(),
      evaluation: z
        .object({ id: z.number(), level: z.number(), levelName: z.string(), createdAt: z.string() })
        .nullable(),
    }),
  ),
});
