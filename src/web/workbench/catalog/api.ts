import type { z } from "zod";
import { api } from "../../api/client.js";
import type { entryListResponse } from "../../../shared/contracts/catalog-editor.js";
import type { history, versionWithContent } from "../../../shared/contracts/catalog.js";
import type { RuleContext } from "./findings.js";

/** The catalog API calls of the management screens (types from the shared contracts). */
export type EntryList = z.infer<typeof entryListResponse>;
export type EntryRow = EntryList["items"][number];
export type History = z.infer<typeof history>;
export type VersionWithContent = z.infer<typeof versionWithContent>;

export const listEntries = (q: { layer?: string; q?: string; after?: number; limit?: number }) => {
  const params = new URLSearchParams();
  if (q.layer) params.set("layer", q.layer);
  if (q.q) params.set("q", q.q);
  if (q.after !== undefined) params.set("after", String(q.after));
  params.set("limit", String(q.limit ?? 20));
  return api<EntryList>("GET", `/api/v1/catalog/entries?${params}`);
};
export const entryHistory = (id: number | string) =>
  api<History>("GET", `/api/v1/catalog/entries/${encodeURIComponent(String(id))}/history`);
export const getVersion = (id: number | string) =>
  api<VersionWithContent>("GET", `/api/v1/catalog/versions/${encodeURIComponent(String(id))}`);
export const ruleContext = (entryId: number) =>
  api<RuleContext>("GET", `/api/v1/catalog/entries/${entryId}/rule-context`);
export const saveDraft = (versionId: number, content: unknown) =>
  api("PUT", `/api/v1/catalog/versions/${versionId}`, { content });
export const serverCheck = (versionId: number) =>
  api<{ isValid: boolean; violations: { path: string; rule: string; message: string }[] }>(
    "GET",
    `/api/v1/catalog/versions/${versionId}/check`,
  );
export const newVersion = (entryId: number, content: unknown) =>
  api<{ entry: { id: number }; version: { id: number } }>(
    "POST",
    `/api/v1/catalog/entries/${entryId}/versions`,
    {
      content,
    },
  );
