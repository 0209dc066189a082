import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withIdCheckChar } from "../../src/shared/codes/id-number.js";
import { withCreditCheckChar } from "../../src/shared/codes/credit-code.js";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { createStaffUser } from "../../src/server/modules/identity/identity.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { seedDemoCases } from "../../src/server/seed/demo-cases.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { TEST_PDF } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

// Issue 9 at the window: 当场注册 (and the person's later claim), 一件事 intake for the applicant,
// the hall's cases, and the inbox ordered by due date with a keyset cursor at 10,000 cases.
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.17.0");

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ db: t.database.db, secrets: t.secrets }, undefined, { withCatalog: true });
}, 300_000);
afterAll(async () => {
  await t.close();
});

type Body = Record<string, unknown> & { error?: { code: string; message: string } };
async function call<T = Body>(
  login: string | null,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T & Body }> {
  const headers = login === null ? {} : await sessions.as(login);
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & Body>() };
}

const NEW_PERSON = {
  idNumber: withIdCheckChar("65310119881212301"),
  name: "吐尔洪·阿不都",
  phone: "13899991717",
};
const NEW_FIRM = {
  creditCode: withCreditCheckChar("91653101MA7W0017X"),
  name: "喀什当场注册测试有限公司",
  phone: "13899991718",
};

describe("POST /api/v1/applicants (当场注册) and the claim", () => {
  it("registers a person with a checked ID number, masked, audited, and then finds them", async () => {
    const r = await call("kashi.clerk", "POST", "/api/v1/applicants", { kind: "person", ...NEW_PERSON });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "person", displayName: NEW_PERSON.name, isMasked: true });
    expect(r.body.idNumber).not.toBe(NEW_PERSON.idNumber);
    const found = await call("kashi.clerk", "GET", `/api/v1/applicants?idNumber=${NEW_PERSON.idNumber}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(r.body.id);
    const clerk = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("login_name", "=", "kashi.clerk")
      .executeTakeFirstOrThrow();
    const audit = await t.database.db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("entity_id", "=", String(r.body.id))
      .execute();
    expect(audit).toEqual([{ action: "identity.window_register", actor_id: clerk.id }]);
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });

  it("registers an enterprise by credit code", async () => {
    const r = await call("kashi.clerk", "POST", "/api/v1/applicants", { kind: "enterprise", ...NEW_FIRM });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "enterprise", creditCode: NEW_FIRM.creditCode });
  });

  it("refuses a wrong check character (400 in Chinese) and an existing applicant (409)", async () => {
    const bad = NEW_PERSON.idNumber.slice(0, 17) + (NEW_PERSON.idNumber.endsWith("1") ? "2" : "1");
    const r = await call("kashi.clerk", "POST", "/api/v1/applicants", {
      kind: "person",
      ...NEW_PERSON,
      idNumber: bad,
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toContain("校验位");
    const badCode = await call("kashi.clerk", "POST", "/api/v1/applicants", {
      kind: "enterprise",
      ...NEW_FIRM,
      creditCode: "91653101MA7W0017XA",
    });
    expect(badCode.status).toBe(400);
    const again = await call("kashi.clerk", "POST", "/api/v1/applicants", {
      kind: "person",
      ...DEMO_CITIZENS[0],
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("CONFLICT");
  });

  it("is for window clerks only", async () => {
    const body = {
      kind: "person",
      idNumber: withIdCheckChar("65310119700101551"),
      name: "某某",
      phone: "13800000000",
    };
    expect((await call(null, "POST", "/api/v1/applicants", body)).status).toBe(401);
    expect((await call("kashgar.samr.reviewer", "POST", "/api/v1/applicants", body)).status).toBe(403);
    expect((await call("kashgar.supervisor", "POST", "/api/v1/applicants", body)).status).toBe(403);
    expect((await call(DEMO_CITIZENS[1].idNumber, "POST", "/api/v1/applicants", body)).status).toBe(403);
  });

  it("has no password: nobody can log in until the person claims it with the recorded phone", async () => {
    const login = (password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { identifier: NEW_PERSON.idNumber, password },
        remoteAddress: "10.17.1.1",
      });
    expect((await login(DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login("!unclaimed:window-registered")).statusCode).toBe(401);

    const register = (phone: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/register",
        payload: {
          kind: "person",
          idNumber: NEW_PERSON.idNumber,
          name: "冒名者",
          phone,
          password: "Claimed-2026!",
        },
      });
    const wrongPhone = await register("13800001111");
    expect(wrongPhone.statusCode).toBe(409);
    expect(wrongPhone.json<Body>().error?.message).toContain("窗口登记的手机号码");

    const claim = await register(NEW_PERSON.phone);
    expect(claim.statusCode).toBe(201);
    // The clerk-checked name stays; the chosen password now works.
    expect(claim.json<Body>()).toMatchObject({ displayName: NEW_PERSON.name, idNumber: NEW_PERSON.idNumber });
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: NEW_PERSON.idNumber, password: "Claimed-2026!" },
      remoteAddress: "10.17.1.2",
    });
    expect(ok.statusCode).toBe(200);
    // Claimed once: a second registration is an ordinary conflict.
    expect((await register(NEW_PERSON.phone)).statusCode).toBe(409);
    const actions = await t.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", ok.json<{ user: { id: string } }>().user.id)
      .where("action", "like", "identity.%")
      .execute();
    expect(actions.map((a) => a.action)).toContain("identity.claim");
  });
});

interface Group {
  id: string;
  caseNumber: string;
  channel: string;
  status: string;
  subCases: {
    caseId: string;
    caseNumber: string;
    agencyId: number;
    status: string;
    lockVersion: number;
    isWaiting: boolean;
  }[];
}
interface BundleGuide {
  items: { agencyId: number }[];
  form: { key: string; type: string; isRequired: boolean; options?: string[] }[];
  materials: { key: string; isRequired: boolean }[];
}
interface InboxPage {
  items: {
    id: string;
    caseNumber: string;
    status: string;
    promisedDue: string | null;
    isOverdue: boolean;
    parentCaseId: string | null;
    parentCaseNumber: string | null;
    lockVersion: number;
  }[];
  nextCursor: string | null;
  today: string;
}

const BUNDLE = "YJS-653101-07"; // 入学一件事: 教育局, 公安局, 住建局 of 喀什市

function valueFor(f: { type: string; options?: string[] }, idNumber: string): unknown {
  switch (f.type) {
    case "number":
      return 1;
    case "date":
      return "2026-09-01";
    case "select":
      return f.options?.[0];
    case "id_number":
      return idNumber;
    case "credit_code":
      return DEMO_ENTERPRISE.creditCode;
    case "phone":
      return "13899991719";
    case "region":
      return "653101";
    default:
      return "喀什市解放北路 1 号";
  }
}

describe("一件事 at the window: one form, one set of materials, sub-cases, delivered together", () => {
  let group: Group;

  it("the clerk registers a parent on the spot and takes in 入学一件事 for them (channel window)", async () => {
    const parentId = withIdCheckChar("65310119850606702");
    const reg = await call("kashi.clerk", "POST", "/api/v1/applicants", {
      kind: "person",
      idNumber: parentId,
      name: "阿依努尔·买买提",
      phone: "13899991720",
    });
    expect(reg.status).toBe(201);
    const guide = (await call<BundleGuide>(null, "GET", `/api/v1/bundles/${BUNDLE}`)).body;
    const formData = Object.fromEntries(
      guide.form.filter((f) => f.isRequired).map((f) => [f.key, valueFor(f, parentId)]),
    );
    const materials = guide.materials
      .filter((m) => m.isRequired)
      .map((m) => ({
        key: m.key,
        fileName: `${m.key}.pdf`,
        contentType: "application/pdf",
        dataBase64: TEST_PDF,
      }));
    const r = await call<Group>("kashi.clerk", "POST", `/api/v1/bundles/${BUNDLE}/applications`, {
      formData,
      materials,
      applicantId: reg.body.id,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    group = r.body;
    expect(group.channel).toBe("window");
    expect(group.subCases).toHaveLength(guide.items.length);
    expect(new Set(group.subCases.map((s) => s.agencyId))).toEqual(
      new Set(guide.items.map((i) => i.agencyId)),
    );
  });

  it("the hall's list shows the sub-cases with their parent; another county's hall does not", async () => {
    const hall = await call<InboxPage>("kashi.clerk", "GET", "/api/v1/hall/cases?limit=200");
    expect(hall.status).toBe(200);
    const mine = hall.body.items.filter((i) => i.parentCaseId === group.id);
    expect(mine.map((i) => i.caseNumber).sort()).toEqual(group.subCases.map((s) => s.caseNumber).sort());
    expect(mine.every((i) => i.parentCaseNumber === group.caseNumber)).toBe(true);
    const other = await call<InboxPage>("shufu.clerk", "GET", "/api/v1/hall/cases?limit=200");
    expect(other.status).toBe(200);
    expect(other.body.items.some((i) => i.parentCaseId === group.id)).toBe(false);
    expect((await call("kashgar.samr.reviewer", "GET", "/api/v1/hall/cases")).status).toBe(403);
    expect((await call(DEMO_CITIZENS[0].idNumber, "GET", "/api/v1/hall/cases")).status).toBe(403);
    expect((await call(null, "GET", "/api/v1/hall/cases")).status).toBe(401);
  });

  it("accepted and dispatched at the window, approved by each department, delivered together", async () => {
    // One approver per department of the bundle (the demo has approvers of market regulation only).
    const approvers = new Map<number, string>();
    for (const agencyId of new Set(group.subCases.map((s) => s.agencyId))) {
      const login = `window.approver.${agencyId}`;
      await createStaffUser(
        SYSTEM,
        {
          loginName: login,
          displayName: "审批",
          password: DEMO_PASSWORD,
          agencyId,
          grants: [{ role: "approver" }],
        },
        { db: t.database.db, secrets: t.secrets },
      );
      approvers.set(agencyId, login);
    }
    for (let round = 0; round < 5; round++) {
      const g = (await call<Group>("kashi.clerk", "GET", `/api/v1/bundles/applications/${group.id}`)).body;
      if (g.subCases.every((s) => s.status === "approved")) break;
      for (const s of g.subCases) {
        let lock = s.lockVersion;
        let status = s.status;
        if (status === "submitted") {
          const a = await call<{ lockVersion: number; status: string }>(
            "kashi.clerk",
            "POST",
            `/api/v1/cases/${s.caseId}/acceptance`,
            { outcome: "accepted", lockVersion: lock },
          );
          expect(a.status, JSON.stringify(a.body)).toBe(200);
          lock = a.body.lockVersion;
          status = a.body.status;
        }
        if (status === "accepted" && !s.isWaiting) {
          const d = await call<{ lockVersion: number; status: string }>(
            "kashi.clerk",
            "POST",
            `/api/v1/cases/${s.caseId}/dispatch`,
            { lockVersion: lock },
          );
          expect(d.status, JSON.stringify(d.body)).toBe(200);
          lock = d.body.lockVersion;
          status = d.body.status;
        }
        if (status === "under_review") {
          const login = approvers.get(s.agencyId) ?? "";
          // The department's inbox lists it.
          const inbox = await call<InboxPage>(login, "GET", "/api/v1/cases/inbox?status=under_review");
          expect(inbox.body.items.map((i) => i.id)).toContain(s.caseId);
          const d = await call(login, "POST", `/api/v1/cases/${s.caseId}/decision`, {
            decision: "approve",
            lockVersion: lock,
          });
          expect(d.status, JSON.stringify(d.body)).toBe(200);
        }
      }
    }
    const ready = await call<Group>("kashi.clerk", "GET", `/api/v1/bundles/applications/${group.id}`);
    expect(ready.body.status).toBe("ready");
    const delivered = await call<Group>(
      "kashi.clerk",
      "POST",
      `/api/v1/bundles/applications/${group.id}/deliver`,
      {},
    );
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe("completed");
    expect(delivered.body.subCases.every((s) => s.status === "delivered")).toBe(true);
  });
});

const OPEN = ["submitted", "accepted", "under_review", "suspended"];
const rankOf = (status: string) =>
  OPEN.includes(status) ? 0 : status === "approved" || status === "denied" ? 1 : 2;
const keyOf = (r: { status: string; promisedDue: string | null; id: string }) =>
  [rankOf(r.status), r.promisedDue ?? "9999-12-31", r.id] as const;
function compareKeys(a: readonly [number, string, string], b: readonly [number, string, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

describe("the inbox by due date at 10,000 cases (keyset pages)", () => {
  let agencyId = 0;
  let total = 0;

  beforeAll(async () => {
    expect(await seedDemoCases({ db: t.database.db, secrets: t.secrets })).toBeGreaterThan(0);
    // One real case of 喀什地区市场监督管理局, then 10,000 copies of it with spread statuses and
    // due dates (many sharing a date, so the id decides), straight in SQL.
    const template = await t.database.db
      .selectFrom("cases")
      .innerJoin("agencies", "agencies.id", "cases.agency_id")
      .select(["cases.id", "cases.agency_id"])
      .where("agencies.name", "=", "喀什地区市场监督管理局")
      .executeTakeFirstOrThrow();
    agencyId = template.agency_id;
    await sql`
      insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
        handling_region_code, receiving_region_code, applicant_id, channel, received_by, status, case_kind,
        form_data_enc, submitted_at, accepted_on, legal_limit_days, promised_limit_days, promised_due, warning_level)
      select gen_random_uuid(), c.case_number || '-W' || g, c.guide_entry_id, c.guide_version_id, c.guide_code,
        c.item_name, c.agency_id, c.handling_region_code, c.receiving_region_code, c.applicant_id, c.channel,
        c.received_by,
        case g % 10 when 0 then 'submitted' when 1 then 'delivered' when 2 then 'approved' when 3 then 'suspended'
          else 'under_review' end,
        c.case_kind, c.form_data_enc, c.submitted_at - (g || ' minutes')::interval,
        case when g % 10 = 0 then null else date '2026-01-05' end,
        c.legal_limit_days, c.promised_limit_days,
        case when g % 10 = 0 then null else date '2026-06-01' + ((g * 37) % 365) end,
        case when (g * 37) % 365 < 176 then 'red' else 'normal' end
      from cases c, generate_series(1, 10000) g
      where c.id = ${template.id}
    `.execute(t.database.db);
    const n = await t.database.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("agency_id", "=", agencyId)
      .executeTakeFirstOrThrow();
    total = Number(n.n);
    expect(total).toBeGreaterThan(10_000);
  }, 120_000);

  it("walks every page: complete, non-overlapping, in order — open first, overdue first, soonest due", async () => {
    const seen: InboxPage["items"] = [];
    let cursor: string | null = null;
    let pages = 0;
    let today = "";
    do {
      const url: string = `/api/v1/cases/inbox?limit=200${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const r = await call<InboxPage>("kashgar.samr.reviewer", "GET", url);
      expect(r.status).toBe(200);
      today = r.body.today;
      expect(r.body.items.length).toBeLessThanOrEqual(200);
      if (r.body.nextCursor !== null) expect(r.body.items).toHaveLength(200);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 200);
    expect(cursor).toBeNull();
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((s) => s.id)).size).toBe(total);
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1];
      const b = seen[i];
      if (a === undefined || b === undefined) continue;
      expect(compareKeys(keyOf(a), keyOf(b)), `${a.caseNumber} before ${b.caseNumber}`).toBeLessThan(0);
    }
    // Overdue first: every open overdue case comes before every open case not yet due.
    const open = seen.filter((s) => rankOf(s.status) === 0);
    const lastOverdue = open.map((s) => s.isOverdue).lastIndexOf(true);
    const firstNotOverdue = open.findIndex((s) => !s.isOverdue);
    expect(lastOverdue).toBeGreaterThan(0);
    expect(firstNotOverdue).toBeGreaterThan(lastOverdue);
    expect(open.filter((s) => s.isOverdue).every((s) => (s.promisedDue ?? "") < today)).toBe(true);
    expect(seen[0]?.isOverdue).toBe(true);
  }, 300_000);

  it("filters keep the order and the paging", async () => {
    const first = await call<InboxPage>(
      "kashgar.samr.reviewer",
      "GET",
      "/api/v1/cases/inbox?status=suspended&limit=50",
    );
    expect(first.body.items.every((i) => i.status === "suspended")).toBe(true);
    const second = await call<InboxPage>(
      "kashgar.samr.reviewer",
      "GET",
      `/api/v1/cases/inbox?status=suspended&limit=50&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
    );
    const ids = new Set(first.body.items.map((i) => i.id));
    expect(second.body.items.some((i) => ids.has(i.id))).toBe(false);
    const both = [...first.body.items, ...second.body.items];
    for (let i = 1; i < both.length; i++)
      expect(compareKeys(keyOf(both[i - 1]!), keyOf(both[i]!))).toBeLessThan(0);
  });

  it("another agency's reviewer sees none of them; applicants are refused; a bad cursor is a 400", async () => {
    const other = await call<InboxPage>("kashgar.hrss.reviewer", "GET", "/api/v1/cases/inbox?limit=200");
    expect(other.status).toBe(200);
    expect(other.body.items.some((i) => i.caseNumber.includes("-W"))).toBe(false);
    expect((await call(DEMO_CITIZENS[0].idNumber, "GET", "/api/v1/cases/inbox")).status).toBe(403);
    expect((await call(null, "GET", "/api/v1/cases/inbox")).status).toBe(401);
    const bad = await call(
      "kashgar.samr.reviewer",
      "GET",
      "/api/v1/cases/inbox?cursor=0%7C2026-13-45%7Cnope",
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBe("请求参数不正确");
  });
});
