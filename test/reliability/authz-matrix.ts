import { DEMO_ENTERPRISE, DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";

/**
 * THE authorization matrix: one row per OpenAPI operation (`METHOD /path/{param}` exactly as in
 * /api/openapi.json), naming who is ALLOWED; everyone else in PRINCIPALS must be DENIED (401, 403 or
 * 404 — a hidden resource answers 404). test/reliability/authz.api.test.ts fails when the document
 * has an operation without a row here, or a row for an operation that no longer exists.
 *
 * Adding a row is one line: `"POST /api/v1/things/{id}/x": row(["reviewer", "approver"], { body: {…} })`.
 * The probe sends `body` (valid enough to pass schema validation, so that access is what decides) with
 * `{param}` filled from the fixtures (see `paramFor` in the test). Allowed means: not 401/403/404 and
 * not 5xx (a 409 for the wrong state or a 400 from a business rule still proves access was granted).
 */
export const PRINCIPALS = [
  "anonymous",
  "citizen", // the applicant who owns the fixtures (case, profile)
  "otherCitizen", // another applicant: the IDOR probe
  "enterprise",
  "clerk", // 综合窗口, 喀什市 (653101)
  "otherClerk", // 综合窗口, 疏附县: another county
  "reviewer", // 喀什地区市场监管局 审核 — the fixtures' agency
  "approver", // 喀什地区市场监管局 审批
  "editor", // 喀什地区市场监管局 事项编辑
  "otherReviewer", // 喀什地区人社局 审核: another agency
  "catalogReviewer", // 喀什地区数字化发展局 事项审核
  "supervisor", // 喀什地区 电子监察
  "admin", // 喀什地区 管理员
  "xjAdmin", // 自治区 平台管理员
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export interface Row {
  allow: readonly Principal[];
  body?: (f: Fixtures) => unknown;
  query?: string | ((f: Fixtures) => string);
  /** Each principal gets its own fresh case (for writes that change the case's state). */
  freshCase?: boolean;
  /** A raw body instead of JSON (uploads). */
  raw?: { contentType: string; payload: string };
  /** The fixture does not exist yet (e.g. a rectification needs a bad review): only anonymous → 401 is asserted. */
  noFixture?: string;
}

export interface Fixtures {
  caseId: string;
  caseLockVersion: number;
  noticeId: string;
  guideCode: string;
  guideVersionId: number;
  guideEntryId: number;
  draftVersionId: number;
  agencyId: number;
  citizenUserId: string;
  complaintId: string;
  changeRequestId: number;
  licenseGuideCode: string;
  licenseCaseId: string;
  basicCode: string;
  documentId: string;
  licenseIdentifier: string;
  objectionId: string;
  sealId: string;
  hallId: string;
  windowId: string;
  appointmentId: string;
  ticketId: string;
  bundleCode: string;
  bundleApplicationId: string;
  visitId: string;
  notificationId: string;
  /** admin: a staff account without grants at the fixtures' agency (grant / revoke probes) */
  staffUserId: string;
  /** halls: a 委托受理 at the 喀什市 township centre, and an unbooked slot of the city hall */
  delegationId: string;
  slotDate: string;
  slotStart: string;
}

const ALL = PRINCIPALS;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");
const USERS = PRINCIPALS.filter((p) => p !== "anonymous");
const APPLICANTS = ["citizen", "otherCitizen", "enterprise"] as const;
const STAFF = USERS.filter((p) => !(APPLICANTS as readonly string[]).includes(p));
const CASE_HANDLERS = ["reviewer", "approver"] as const;
const CASE_READERS = ["citizen", ...CASE_HANDLERS, "supervisor", "admin", "xjAdmin"] as const;
const row = (allow: readonly Principal[], extra: Omit<Row, "allow"> = {}): Row => ({ allow, ...extra });

export const MATRIX: Record<string, Row> = {
  "GET /healthz": row(ALL),
  "GET /api/v1/calendar/due-date": row(ALL, { query: "from=2026-06-15&workdays=3&region=6531" }),
  "GET /api/v1/calendar/workdays": row(ALL, { query: "from=2026-06-15&to=2026-06-30&region=6531" }),
  "GET /api/v1/regions": row(ALL),
  "GET /api/v1/regions/{code}": row(ALL),
  "GET /api/v1/regions/{code}/children": row(ALL),
  "GET /api/v1/agencies": row(ALL),
  "POST /api/v1/agencies": row(["admin", "xjAdmin"], {
    body: () => ({
      name: "喀什地区测试局",
      creditCode: DEMO_ENTERPRISE.creditCode,
      regionCode: "6531",
      kind: "implementing",
    }),
  }),
  "GET /api/v1/agencies/{id}": row(ALL),
  "GET /api/v1/agencies/{id}/counterparts": row(ALL),
  "POST /api/v1/auth/register": row(ALL, {
    body: () => ({
      kind: "person",
      idNumber: "1",
      name: "测",
      phone: "13800000000",
      password: "Demo@2026xj",
    }),
  }),
  "POST /api/v1/auth/login": row(ALL, {
    body: () => ({ identifier: "kashgar.admin", password: DEMO_PASSWORD, mode: "token" }),
  }),
  "POST /api/v1/auth/logout": row(USERS, { body: () => ({}) }),
  "GET /api/v1/me": row(USERS),
  // window clerks take in applications for applicants: they may look them up (masked)
  "GET /api/v1/users/{id}": row(["citizen", "clerk", "otherClerk"]),
  "GET /api/v1/admin/users": row(["admin", "xjAdmin"]),
  // workbench: the window's applicant lookup; calendar administration (nationwide years: 自治区 only)
  "GET /api/v1/applicants": row(["clerk", "otherClerk"], {
    query: `creditCode=${DEMO_ENTERPRISE.creditCode}`,
  }),
  "GET /api/v1/admin/calendar": row(["admin", "xjAdmin"], { query: "year=2026&region=6531" }),
  "POST /api/v1/admin/calendar/years": row(["xjAdmin"], {
    body: () => ({
      year: 2031,
      source: "授权矩阵测试",
      days: [{ day: "2031-01-01", isWorkday: false, name: "元旦" }],
    }),
  }),
  "PUT /api/v1/admin/calendar/overrides": row(["admin", "xjAdmin"], {
    body: () => ({ day: "2026-12-30", regionCode: "6531", isWorkday: false, name: "授权矩阵测试" }),
  }),
  "GET /api/v1/catalog/export.xlsx": row(ALL),
  // staff pass to the workbook: access is then decided per row's agency (test/api/catalog-excel.api.test.ts)
  "POST /api/v1/catalog/import": row(STAFF, {
    query: "kind=guide",
    raw: { contentType: XLSX, payload: "PK not a workbook" },
  }),
  "POST /api/v1/catalog/drafts": row(["editor"], {
    body: (f) => ({ layer: "guide", agencyId: f.agencyId, basicCode: "x", content: {} }),
  }),
  "POST /api/v1/catalog/entries/{id}/versions": row(["editor"], { body: () => ({ content: {} }) }),
  "PUT /api/v1/catalog/versions/{id}": row(["editor"], { body: () => ({ content: {} }) }),
  "GET /api/v1/catalog/versions/{id}": row(ALL),
  "GET /api/v1/catalog/versions/{id}/check": row(ALL),
  "GET /api/v1/catalog/entries/{id}/history": row(ALL),
  "GET /api/v1/catalog/diff": row(ALL),
  "POST /api/v1/catalog/change-requests": row(["editor"], {
    body: (f) => ({
      entryId: f.guideEntryId,
      versionId: f.draftVersionId,
      kind: "modify",
      triggerSituation: 1,
      triggerDate: "2026-06-15",
      reason: "法规修订",
    }),
  }),
  // lists are filtered by scope: anyone logged in gets a (possibly empty) list
  "GET /api/v1/catalog/change-requests": row(USERS),
  "GET /api/v1/catalog/change-requests/{id}": row(["editor", "catalogReviewer"]),
  "POST /api/v1/catalog/change-requests/{id}/signoffs": row(["catalogReviewer"], {
    body: () => ({ isApproved: true }),
  }),
  // the reviewing side extends its review period (办法: 审核时限可延长)
  "POST /api/v1/catalog/change-requests/{id}/extension": row(["catalogReviewer"], {
    body: () => ({ reason: "需要征求意见" }),
  }),
  "POST /api/v1/catalog/change-requests/{id}/decision": row(["catalogReviewer"], {
    body: () => ({ decision: "reject", comment: "x" }),
  }),
  "POST /api/v1/catalog/change-requests/{id}/resubmission": row(["editor"], { body: () => ({}) }),
  "GET /api/v1/catalog/owed": row(USERS),
  // --- catalog management screens (workbench): scoped to catalog editors and reviewers ---
  "GET /api/v1/catalog/entries": row(["editor", "catalogReviewer"]),
  "GET /api/v1/catalog/entries/{id}/rule-context": row(["editor", "catalogReviewer"]),
  // --- end catalog management screens ---
  "GET /api/v1/guides": row(ALL),
  "GET /api/v1/guides/{code}": row(ALL),
  "GET /api/v1/guides/{code}/qr.png": row(ALL),
  "GET /guides/{code}/print": row(ALL),
  "POST /api/v1/cases": row(USERS, {
    body: (f) => ({ guideCode: f.guideCode, formData: {}, materials: [] }),
  }),
  "GET /api/v1/cases": row(USERS.filter((p) => p !== "editor" && p !== "catalogReviewer")),
  "GET /api/v1/cases/{id}": row(["citizen", ...CASE_HANDLERS, "supervisor", "admin", "xjAdmin"]),
  "POST /api/v1/cases/{id}/acceptance": row(CASE_HANDLERS, {
    freshCase: true,
    body: () => ({ outcome: "accepted" }),
  }),
  "POST /api/v1/cases/{id}/supplements": row(["citizen"], {
    freshCase: true,
    body: () => ({
      materials: [{ key: "business_license", contentType: "application/pdf", dataBase64: PDF }],
    }),
  }),
  "POST /api/v1/cases/{id}/dispatch": row(CASE_HANDLERS, { freshCase: true, body: () => ({}) }),
  "POST /api/v1/cases/{id}/suspension": row(CASE_HANDLERS, {
    freshCase: true,
    body: () => ({ kind: "inspection", reason: "现场核查" }),
  }),
  "POST /api/v1/cases/{id}/resumption": row(CASE_HANDLERS, { freshCase: true, body: () => ({}) }),
  "POST /api/v1/cases/{id}/extension": row(["approver"], {
    freshCase: true,
    body: () => ({ days: 5, reason: "情况复杂" }),
  }),
  "POST /api/v1/cases/{id}/decision": row(["approver"], {
    freshCase: true,
    body: () => ({ decision: "approve" }),
  }),
  "POST /api/v1/cases/{id}/delivery": row(CASE_HANDLERS, { freshCase: true, body: () => ({}) }),
  "POST /api/v1/cases/{id}/forwarding": row(CASE_HANDLERS, {
    freshCase: true,
    body: (f) => ({ toAgencyId: f.agencyId, opinion: "转有权机关" }),
  }),
  "GET /cases/{id}/notices/{noticeId}/print": row([
    "citizen",
    ...CASE_HANDLERS,
    "supervisor",
    "admin",
    "xjAdmin",
  ]),
  "GET /api/v1/cases/{id}/archive.zip": row(["citizen", ...CASE_HANDLERS, "supervisor", "admin", "xjAdmin"]),
  "POST /api/v1/cases/{id}/post-check": row(CASE_HANDLERS, {
    freshCase: true,
    body: () => ({ passed: true, findings: "核查属实" }),
  }),
  "POST /api/v1/cases/{id}/payment": row(["citizen"], { freshCase: true, body: () => ({}) }),
  "POST /api/v1/cases/{id}/withdrawal": row(["citizen"], { freshCase: true, body: () => ({}) }),
  "POST /api/v1/cases/{id}/evaluation": row(["citizen"], {
    body: () => ({
      level: 1,
      indicators: { overall: 1, efficiency: 1, guideAccuracy: 1, convenience: 1, usability: 1 },
    }),
  }),
  "GET /api/v1/cases/{id}/evaluation": row([], { noFixture: "the fixture case is not rated yet" }),
  "GET /api/v1/rectifications": row([...CASE_HANDLERS, "otherReviewer", "supervisor", "admin", "xjAdmin"]),
  "POST /api/v1/rectifications/{id}/report": row([], {
    noFixture: "needs a bad review",
    body: () => ({ verification: "核实", rectification: "整改", callbackNote: "回访" }),
  }),
  "POST /api/v1/rectifications/{id}/appeal": row([], {
    noFixture: "needs a bad review",
    body: () => ({ reason: "申诉" }),
  }),
  "POST /api/v1/rectifications/{id}/recheck": row([], {
    noFixture: "needs a bad review",
    body: () => ({ isUpheld: true, result: "维持" }),
  }),
  "POST /api/v1/complaints": row(ALL, {
    body: () => ({ category: "efficiency", content: "办事排队时间太长了" }),
  }),
  "GET /api/v1/complaints": row(USERS),
  "GET /api/v1/complaints/{id}": row(["citizen", "supervisor", "admin", "xjAdmin"]),
  "POST /api/v1/complaints/{id}/dispatch": row(["supervisor", "admin", "xjAdmin"], { body: () => ({}) }),
  "POST /api/v1/complaints/{id}/reply": row(CASE_HANDLERS, { body: () => ({ reply: "已处理" }) }),
  "POST /api/v1/complaints/{id}/feedback": row(["citizen"], {
    body: () => ({ satisfaction: 5, isResolved: true }),
  }),
  "GET /api/v1/supervision/board": row(["supervisor", "admin", "xjAdmin"], { query: "region=6531" }),
  "GET /api/v1/statistics": row(["supervisor", "admin", "xjAdmin"], {
    query: "region=6531&from=2026-01-01&to=2026-06-30",
  }),
  // ── credentials: e-seals, signed documents, e-licenses ──
  "GET /api/v1/credentials/root-key": row(ALL),
  "GET /api/v1/agencies/{agencyId}/seals": row(ALL),
  "POST /api/v1/agencies/{agencyId}/seals/rotation": row(["admin", "xjAdmin"], { body: () => ({}) }),
  "GET /api/v1/seals/{sealId}/picture.{format}": row(ALL),
  "GET /api/v1/cases/{caseId}/documents": row(CASE_READERS),
  "GET /api/v1/documents/{id}/pdf": row(CASE_READERS),
  "GET /api/v1/documents/{id}/verification": row(ALL),
  "POST /api/v1/documents/verification": row(ALL, { body: () => ({ dataBase64: PDF }) }),
  "GET /verify/documents/{id}": row(ALL),
  "GET /api/v1/license-types": row(ALL),
  "GET /api/v1/me/licenses": row(USERS),
  "GET /api/v1/licenses/{identifier}/verification": row(ALL),
  "GET /api/v1/licenses/{identifier}/qr.png": row(ALL),
  "GET /verify/licenses/{identifier}": row(ALL),
  "POST /api/v1/licenses/{identifier}/objections": row(["citizen"], { body: () => ({ reason: "地址有误" }) }),
  "POST /api/v1/license-objections/{id}/resolution": row(["approver"], {
    body: () => ({ decision: "reject", resolution: "登记信息无误" }),
  }),
  "POST /api/v1/licenses/{identifier}/revocation": row(["approver"], { body: () => ({ reason: "吊销" }) }),
  "GET /api/v1/cases/{caseId}/licenses": row(CASE_READERS),
  // the applicant's own plan: which materials their held licenses cover
  "GET /api/v1/me/guides/{code}/materials": row(USERS),
  // ── 一件事 bundles ──
  "GET /api/v1/bundles": row(ALL, { query: "region=6531" }),
  "GET /api/v1/bundles/{code}": row(ALL),
  "GET /api/v1/bundles/metrics": row(["supervisor", "admin", "xjAdmin"], { query: "region=6531" }),
  "POST /api/v1/bundles/{code}/applications": row(USERS, { body: () => ({ formData: {}, materials: [] }) }),
  "GET /api/v1/bundles/applications/{id}": row(CASE_READERS),
  "POST /api/v1/bundles/applications/{id}/deliver": row(CASE_HANDLERS, { body: () => ({}) }),
  // ── 一件事 from the applicant's side (portal): 免证办 plan, my applications, withdrawal, rating ──
  "GET /api/v1/me/bundles/{code}/materials": row(USERS),
  "GET /api/v1/me/bundle-applications": row(USERS),
  "POST /api/v1/bundles/applications/{id}/withdrawal": row(["citizen"], { body: () => ({}) }),
  "POST /api/v1/bundles/applications/{id}/evaluation": row(["citizen"], {
    body: () => ({
      level: 2,
      indicators: { overall: 2, efficiency: 2, guideAccuracy: 2, convenience: 2, usability: 2 },
    }),
  }),
  "GET /api/v1/bundles/applications/{id}/evaluation": row(CASE_READERS),
  // ── halls, appointments, queue ──
  "GET /api/v1/halls": row(ALL, { query: "region=653101" }),
  "GET /api/v1/halls/{id}": row(ALL),
  "GET /halls/{id}/display": row(ALL),
  "GET /api/v1/halls/{id}/slots": row(ALL, { query: (f) => `guideCode=${f.guideCode}` }),
  "GET /api/v1/halls/{id}/queue-stats": row(["clerk", "supervisor", "admin", "xjAdmin"]),
  "PUT /api/v1/halls/{id}/settings": row(["admin", "xjAdmin"], {
    body: () => ({
      periods: [{ start: "09:30", end: "13:30" }],
      slotMinutes: 30,
      capacityPerWindow: 2,
      bookingDaysAhead: 7,
    }),
  }),
  "POST /api/v1/halls/{id}/windows": row(["admin", "xjAdmin"], {
    body: () => ({ number: "Z9", kind: "comprehensive" }),
  }),
  "PATCH /api/v1/hall-windows/{id}": row(["admin", "xjAdmin"], { body: () => ({ isActive: true }) }),
  "POST /api/v1/halls/{id}/delegations": row(["admin", "xjAdmin"], {
    body: (f) => ({ guideCode: f.guideCode, basis: "委托受理协议" }),
  }),
  // appointments are the applicant's own; staff do not book
  "POST /api/v1/appointments": row(APPLICANTS, {
    body: (f) => ({ hallId: Number(f.hallId), guideCode: f.guideCode, date: "2026-06-16", start: "10:00" }),
  }),
  "GET /api/v1/appointments": row(USERS),
  "POST /api/v1/appointments/{id}/cancellation": row(["citizen"], { body: () => ({}) }),
  "POST /api/v1/halls/{id}/tickets": row(ALL, { body: () => ({}) }),
  "POST /api/v1/hall-windows/{id}/call": row(["clerk"], { body: () => ({}) }),
  "POST /api/v1/queue-tickets/{id}/finish": row(["clerk"], { body: () => ({ outcome: "done" }) }),
  // ── search, navigation, FAQs ──
  "GET /api/v1/search": row(ALL, { query: "q=营业执照&region=6531" }),
  "GET /api/v1/navigation": row(ALL, { query: "need=我想开饭馆&region=6531" }),
  "GET /api/v1/items/{basicCode}/faqs": row(ALL),
  // FAQ answers: the item's editor, or an admin of the region (search.service)
  "POST /api/v1/items/{basicCode}/faqs": row(["editor", "admin", "xjAdmin"], {
    body: () => ({ question: "需要带什么材料？", answer: "见办事指南" }),
  }),
  // the index is platform-wide: the 自治区 platform admin only
  "POST /api/v1/search/reindex": row(["xjAdmin"], { body: () => ({}) }),
  // ── smart services: prefill, pre-review, 秒批 ──
  // smart services act on the applicant's own identity and data (a clerk applies through POST /cases)
  "GET /api/v1/assist/prefill": row(APPLICANTS, { query: (f) => `guideCode=${f.guideCode}` }),
  "POST /api/v1/assist/pre-review": row(APPLICANTS, { body: (f) => ({ guideCode: f.guideCode }) }),
  "POST /api/v1/assist/applications": row(APPLICANTS, { body: (f) => ({ guideCode: f.guideCode }) }),
  "GET /api/v1/guides/{code}/instant-approval": row([], {
    noFixture: "needs a guide whose required materials all come from licenses or shared data",
  }),
  "PUT /api/v1/guides/{code}/instant-approval": row(["editor"], {
    body: () => ({ rules: [{ fact: "shared.age", op: "gte", value: 80, label: "年满 80 周岁" }] }),
  }),
  "POST /api/v1/cases/{id}/instant-approval/revocation": row(["approver"], {
    body: () => ({ reason: "核查不符" }),
  }),
  "GET /api/v1/instant-approvals/report": row(["supervisor", "admin", "xjAdmin"], {
    query: "region=6531&from=2026-01-01&to=2026-06-30",
  }),
  // ── notifications, rankings, window visits ──
  // in-app notifications go to staff; an applicant gets an empty list (no one else's data)
  "GET /api/v1/notifications": row(USERS),
  "POST /api/v1/notifications/{id}/read": row(["reviewer"], { body: () => ({}) }),
  "POST /api/v1/notifications/read-all": row(USERS, { body: () => ({}) }),
  "GET /api/v1/rankings": row(["supervisor", "admin", "xjAdmin"], {
    query: "region=6531&from=2026-01-01&to=2026-06-30&by=agency",
  }),
  "GET /api/v1/window-visits": row(USERS),
  "POST /api/v1/window-visits": row(["clerk", "otherClerk"], {
    body: (f) => ({ visitorId: f.citizenUserId, purpose: "咨询" }),
  }),
  "POST /api/v1/window-visits/{id}/evaluation": row(["citizen"], {
    body: () => ({
      level: 1,
      indicators: { overall: 1, efficiency: 1, guideAccuracy: 1, convenience: 1, usability: 1 },
    }),
  }),
  // ── window (issue 9): 当场注册 (a second clerk's attempt is a 409: allowed), inbox, the hall's cases ──
  "POST /api/v1/applicants": row(["clerk", "otherClerk"], {
    body: () => ({ kind: "person", idNumber: "653101198704051239", name: "窗口注册", phone: "13800000017" }),
  }),
  "GET /api/v1/cases/inbox": row([
    "clerk",
    "otherClerk",
    ...CASE_HANDLERS,
    "otherReviewer",
    "supervisor",
    "admin",
    "xjAdmin",
  ]),
  "GET /api/v1/hall/cases": row(["clerk", "otherClerk"]),
  // ── end window
  // ── admin: staff accounts and role grants (own region only), agency editing, seal certificates ──
  "POST /api/v1/admin/users": row(["admin", "xjAdmin"], {
    body: (f) => ({
      loginName: "authz.probe",
      displayName: "授权探针",
      password: DEMO_PASSWORD,
      agencyId: f.agencyId,
      grants: [],
    }),
  }),
  "GET /api/v1/admin/users/{id}/grants": row(["admin", "xjAdmin"]),
  "POST /api/v1/admin/users/{id}/grants": row(["admin", "xjAdmin"], { body: () => ({ role: "reviewer" }) }),
  "DELETE /api/v1/admin/users/{id}/grants": row(["admin", "xjAdmin"], {
    query: (f) => `role=reviewer&agencyId=${f.agencyId}`,
  }),
  "GET /api/v1/admin/agencies/{id}": row(["admin", "xjAdmin"]),
  "PATCH /api/v1/agencies/{id}": row(["admin", "xjAdmin"], { body: () => ({ phone: "0998-2820000" }) }),
  "GET /api/v1/functional-lines": row(ALL),
  // public like the seal picture: relying parties verify signed documents with it
  "GET /api/v1/seals/{sealId}/certificate": row(ALL),
  // ── monitoring: overdue tables (branch monitoring) ──
  "GET /api/v1/supervision/overdue": row(["supervisor", "admin", "xjAdmin"], {
    query: "region=6531&by=agency",
  }),
  "GET /api/v1/supervision/overdue/items": row(["supervisor", "admin", "xjAdmin"], {
    query: "region=6531&kind=cases&page=1&pageSize=20",
  }),
  // ── leftovers: 委托受理 removal and per-day slot changes, by the hall region's admins (a second removal
  // or closing is a 409: allowed) ──
  "DELETE /api/v1/hall-delegations/{id}": row(["admin", "xjAdmin"]),
  "PATCH /api/v1/halls/{id}/slots/{date}/{start}": row(["admin", "xjAdmin"], {
    body: () => ({ capacityPerWindow: 3 }),
  }),
  "DELETE /api/v1/halls/{id}/slots/{date}/{start}": row(["admin", "xjAdmin"]),
};
