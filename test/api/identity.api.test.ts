import { Writable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "../../src/server/access/access.policy.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { authenticate } from "../../src/server/modules/identity/identity.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let logs = "";
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    logs += chunk.toString();
    done();
  },
});

beforeAll(async () => {
  t = await createTestApp({}, undefined, { logStream });
  await seedDemo({ db: t.database.db, secrets: t.secrets });
}, 180_000);
afterAll(async () => {
  await t.close();
});

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

let ipCounter = 1;
/** Each test logs in from its own address so that per-IP throttling of one test does not leak into others. */
function nextIp(): string {
  ipCounter++;
  return `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

async function login(identifier: string, password = DEMO_PASSWORD, ip = nextIp()): Promise<Session> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { identifier, password },
    remoteAddress: ip,
  });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = String(res.headers["set-cookie"]);
  const cookie = /tb_session=([^;]+)/.exec(setCookie)?.[1] ?? "";
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

function as(s: Session) {
  return { cookie: `tb_session=${s.cookie}`, "x-csrf-token": s.csrf };
}

describe("registration", () => {
  it.each([
    [
      {
        kind: "person",
        idNumber: "110105194912310021",
        name: "张三",
        phone: "13800001111",
        password: "Xinjiang#2026",
      },
      "idNumber",
      "公民身份号码校验位不正确，请核对后重新输入",
    ],
    [
      {
        kind: "person",
        idNumber: "11010519491331002X",
        name: "张三",
        phone: "13800001111",
        password: "Xinjiang#2026",
      },
      "idNumber",
      "公民身份号码中的出生日期不正确",
    ],
    [
      {
        kind: "enterprise",
        creditCode: "9144030071526726XH",
        name: "某某公司",
        phone: "13800001111",
        password: "Xinjiang#2026",
      },
      "creditCode",
      "统一社会信用代码校验位不正确，请核对后重新输入",
    ],
    [
      {
        kind: "person",
        idNumber: "11010519491231002X",
        name: "张三",
        phone: "13800001111",
        password: "short1A!",
      },
      "password",
      "密码长度应为 10 到 128 位",
    ],
    [
      {
        kind: "person",
        idNumber: "11010519491231002X",
        name: "张三",
        phone: "13800001111",
        password: "alllowercase1",
      },
      "password",
      "密码至少包含大写字母、小写字母、数字、符号中的三类",
    ],
    [
      {
        kind: "person",
        idNumber: "11010519491231002X",
        name: "张三",
        phone: "2380000111",
        password: "Xinjiang#2026",
      },
      "body.phone",
      "手机号码应为 1 开头的 11 位数字",
    ],
  ])("refuses %o naming %s", async (payload, path, message) => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/register", payload });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; details: { path: string; message: string }[] } }>();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details[0]).toEqual({ path, message });
  });

  it("registers a person once; a second registration of the same ID number is a 409", async () => {
    const payload = {
      kind: "person",
      idNumber: "11010519491231002x",
      name: "张三",
      phone: "13800001111",
      password: "Xinjiang#2026",
    };
    const first = await t.app.inject({ method: "POST", url: "/api/v1/auth/register", payload });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      kind: "person",
      idNumber: "11010519491231002X",
      phone: "13800001111",
    });
    const again = await t.app.inject({ method: "POST", url: "/api/v1/auth/register", payload });
    expect(again.statusCode).toBe(409);
  });
});

describe("login, sessions and CSRF", () => {
  it("sets an HttpOnly SameSite=Lax session cookie and /me shows the owner's own data unmasked", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: DEMO_CITIZENS[0].idNumber, password: DEMO_PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = /tb_session=([^;]+)/.exec(setCookie)?.[1] ?? "";
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { cookie: `tb_session=${cookie}` },
    });
    expect(me.json()).toMatchObject({
      kind: "person",
      idNumber: DEMO_CITIZENS[0].idNumber,
      phone: DEMO_CITIZENS[0].phone,
    });
  });

  it("logs in by phone number and by credit code", async () => {
    expect((await login(DEMO_CITIZENS[1].phone)).userId).toBeTruthy();
    expect((await login(DEMO_ENTERPRISE.creditCode)).userId).toBeTruthy();
  });

  it("refuses a cookie-authenticated write without the CSRF token, accepts it with, and logout ends the session", async () => {
    const s = await login("kashi.clerk");
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: `tb_session=${s.cookie}` },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({
      error: { code: "FORBIDDEN", message: "页面已过期或请求来源不可信，请刷新页面后重试" },
    });
    const ok = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: as(s) });
    expect(ok.statusCode).toBe(204);
    const after = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: as(s) });
    expect(after.statusCode).toBe(401);
  });

  it("issues bearer tokens for API clients, which need no CSRF token; a cookie token is not a bearer token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: "xj.admin", password: DEMO_PASSWORD, mode: "token" },
      remoteAddress: nextIp(),
    });
    const { token } = res.json<{ token: string }>();
    expect(res.headers["set-cookie"]).toBeUndefined();
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({ loginName: "xj.admin", csrfToken: null });
    const cookieSession = await login("xj.admin");
    const misuse = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${cookieSession.cookie}` },
    });
    expect(misuse.statusCode).toBe(401);
  });

  it("answers wrong credentials with one message, whether or not the account exists", async () => {
    const ip = nextIp();
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: "kashgar.supervisor", password: "Wrong#Password1" },
      remoteAddress: ip,
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: "nobody.here", password: "Wrong#Password1" },
      remoteAddress: ip,
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<{ error: { message: string } }>().error.message).toBe("账号或密码不正确");
    expect(unknown.json<{ error: { message: string } }>().error.message).toBe("账号或密码不正确");
  });

  it("locks an account after 5 failures, even for the right password afterwards", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { identifier: "kashgar.hrss.reviewer", password: `Wrong#Password${i}` },
        remoteAddress: nextIp(),
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: "kashgar.hrss.reviewer", password: DEMO_PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ error: { message: string } }>().error.message).toMatch(
      /登录失败次数过多，请 \d+ 分钟后再试/,
    );
  });

  it("locks an IP address after 50 failures across accounts", async () => {
    const ip = "10.99.99.99";
    for (let i = 0; i < 50; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { identifier: `guess.${i}`, password: "Wrong#Password1" },
        remoteAddress: ip,
      });
    }
    const blocked = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: "kashgar.admin", password: DEMO_PASSWORD },
      remoteAddress: ip,
    });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: "kashgar.admin", password: DEMO_PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe("authorization", () => {
  it("a citizen cannot read another citizen's profile (404), reads their own whole; a window clerk sees it masked", async () => {
    const a = await login(DEMO_CITIZENS[0].idNumber);
    const b = await login(DEMO_CITIZENS[1].idNumber);
    const other = await t.app.inject({ method: "GET", url: `/api/v1/users/${b.userId}`, headers: as(a) });
    expect(other.statusCode).toBe(404);
    const own = await t.app.inject({ method: "GET", url: `/api/v1/users/${a.userId}`, headers: as(a) });
    expect(own.json()).toMatchObject({ idNumber: DEMO_CITIZENS[0].idNumber, isMasked: false });
    const clerk = await login("kashi.clerk");
    const masked = await t.app.inject({
      method: "GET",
      url: `/api/v1/users/${a.userId}`,
      headers: as(clerk),
    });
    expect(masked.json()).toMatchObject({
      idNumber: `653101********${DEMO_CITIZENS[0].idNumber.slice(-4)}`,
      phone: "138****0001",
      isMasked: true,
    });
    const anonymous = await t.app.inject({ method: "GET", url: `/api/v1/users/${a.userId}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("a county clerk cannot act in another county; a reviewer cannot act for another agency", async () => {
    const deps = { db: t.database.db, secrets: t.secrets };
    const shufu = await login("shufu.clerk");
    const shufuActor = await authenticate(shufu.cookie, deps, new Date());
    expect(shufuActor).toBeDefined();
    if (shufuActor === undefined) return;
    expect(can(shufuActor, "case.intake", { regionCode: "653121" })).toBe(true);
    expect(can(shufuActor, "case.intake", { regionCode: "653121100" })).toBe(true);
    expect(can(shufuActor, "case.intake", { regionCode: "653101" })).toBe(false);
    expect(can(shufuActor, "case.intake", { regionCode: "6531" })).toBe(false);

    const reviewer = await authenticate((await login("kashgar.samr.reviewer")).cookie, deps, new Date());
    const approver = await authenticate((await login("kashgar.samr.approver")).cookie, deps, new Date());
    expect(reviewer?.agencyId).toBeTypeOf("number");
    if (reviewer === undefined || approver === undefined) return;
    const samrAgency = reviewer.agencyId ?? -1;
    const hrssAgencies = await t.app.inject({
      method: "GET",
      url: `/api/v1/agencies?region=6531&line=human_resources`,
    });
    const hrssAgencyId = hrssAgencies.json<{ items: { id: number }[] }>().items[0]?.id ?? -1;
    expect(can(reviewer, "case.review", { agencyId: samrAgency, regionCode: "6531" })).toBe(true);
    expect(can(reviewer, "case.review", { agencyId: hrssAgencyId, regionCode: "6531" })).toBe(false);
    expect(can(reviewer, "case.decide", { agencyId: samrAgency, regionCode: "6531" })).toBe(false);
    expect(can(approver, "case.decide", { agencyId: samrAgency, regionCode: "6531" })).toBe(true);
    expect(can(approver, "case.decide", { agencyId: hrssAgencyId, regionCode: "6531" })).toBe(false);
  });

  it("a management role sees exactly its region subtree", async () => {
    const kashgarAdmin = await login("kashgar.admin");
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/users?limit=200",
      headers: as(kashgarAdmin),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { loginName: string; regionCode: string; phone: string | null }[] }>()
      .items;
    const all = await t.database.db
      .selectFrom("users as u")
      .innerJoin("agencies as a", "a.id", "u.agency_id")
      .select(["u.login_name", "a.region_code"])
      .where("u.kind", "=", "staff")
      .execute();
    const expected = all
      .filter((u) => u.region_code.startsWith("6531"))
      .map((u) => u.login_name)
      .sort();
    expect(items.map((i) => i.loginName).sort()).toEqual(expected);
    expect(expected).toContain("kashi.clerk");
    expect(expected).not.toContain("xj.admin");

    const xjAdmin = await login("xj.admin");
    const everything = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/users?limit=200",
      headers: as(xjAdmin),
    });
    expect(everything.json<{ items: unknown[] }>().items).toHaveLength(all.length);

    const citizen = await login(DEMO_CITIZENS[0].idNumber);
    const denied = await t.app.inject({ method: "GET", url: "/api/v1/admin/users", headers: as(citizen) });
    expect(denied.statusCode).toBe(403);
  });

  it("an admin registers agencies only inside their subtree, with a checked credit code", async () => {
    const admin = await login("kashgar.admin");
    const base = { name: "喀什市测试服务中心", regionCode: "653101", kind: "implementing", lineCode: null };
    const outside = await t.app.inject({
      method: "POST",
      url: "/api/v1/agencies",
      headers: as(admin),
      payload: { ...base, regionCode: "6501", creditCode: "12650100MB000777X3".slice(0, 17) + "0" },
    });
    expect(outside.statusCode).toBe(403);
    const badCode = await t.app.inject({
      method: "POST",
      url: "/api/v1/agencies",
      headers: as(admin),
      payload: { ...base, creditCode: "9144030071526726XH" },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json<{ error: { message: string } }>().error.message).toBe(
      "统一社会信用代码校验位不正确，请核对后重新输入",
    );
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/v1/agencies",
      headers: as(admin),
      payload: { ...base, creditCode: "9144030071526726XG" },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      name: "喀什市测试服务中心",
      regionName: "喀什市",
      kindName: "实施机构",
    });
  });
});

describe("secrets at rest and in logs", () => {
  it("stores ID and phone numbers SM4-encrypted and passwords argon2id-hashed", async () => {
    const row = await t.database.db
      .selectFrom("users")
      .selectAll()
      .where("display_name", "=", DEMO_CITIZENS[0].name)
      .executeTakeFirstOrThrow();
    expect(row.id_number_enc).toMatch(/^sm4gcm:v1:/);
    expect(row.id_number_enc).not.toContain(DEMO_CITIZENS[0].idNumber);
    expect(t.secrets.decrypt(row.id_number_enc ?? "")).toBe(DEMO_CITIZENS[0].idNumber);
    expect(row.phone_enc).not.toContain(DEMO_CITIZENS[0].phone);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it("no ID number, phone number, password or session token appears anywhere in the database or the logs", async () => {
    const s = await login(DEMO_CITIZENS[0].idNumber);
    const dump = await sql<{ t: string }>`
      select coalesce(json_agg(u)::text, '') || coalesce((select json_agg(s)::text from sessions s), '')
        || coalesce((select json_agg(a)::text from audit_events a), '')
        || coalesce((select json_agg(l)::text from login_throttle l), '') as t
      from users u`.execute(t.database.db);
    const text = dump.rows[0]?.t ?? "";
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of [DEMO_CITIZENS[0].idNumber, DEMO_CITIZENS[0].phone, DEMO_PASSWORD, s.cookie]) {
      expect(text).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs).toContain("/api/v1/auth/login");
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });
});

describe("agency directory", () => {
  it("finds the 对口 departments of 喀什地区市场监督管理局 above and below", async () => {
    const list = await t.app.inject({
      method: "GET",
      url: `/api/v1/agencies?region=6531&line=market_regulation`,
    });
    const samr = list.json<{ items: { id: number; name: string }[] }>().items[0];
    expect(samr?.name).toBe("喀什地区市场监督管理局");
    const res = await t.app.inject({ method: "GET", url: `/api/v1/agencies/${samr?.id}/counterparts` });
    const body = res.json<{ upper: { name: string }[]; lower: { name: string; regionCode: string }[] }>();
    expect(body.upper.map((a) => a.name)).toEqual(["新疆维吾尔自治区市场监督管理局"]);
    expect(body.lower).toHaveLength(12);
    expect(body.lower.map((a) => a.name)).toContain("喀什市市场监督管理局");
  });

  it("seeded agencies all carry valid credit codes and each county has its 政务服务中心", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/agencies?within=6531&line=government_services&limit=200`,
    });
    const items = res.json<{ items: { id: number; regionCode: string }[] }>().items;
    expect(items).toHaveLength(13);
    const kashi = items.find((a) => a.regionCode === "653101");
    const detail = await t.app.inject({ method: "GET", url: `/api/v1/agencies/${kashi?.id}` });
    expect(detail.json<{ venues: { name: string; kindName: string }[] }>().venues).toEqual([
      expect.objectContaining({ name: "喀什市政务服务中心", kindName: "政务服务中心" }),
    ]);
  });
});

describe("session housekeeping job", () => {
  it("purges sessions that ended more than a day ago, and they no longer authenticate", async () => {
    const s = await login("kashgar.supervisor");
    const { purgeExpiredSessions } = await import("../../src/server/modules/identity/identity.service.js");
    const none = await purgeExpiredSessions(t.database.db, new Date());
    expect(none.sessions).toBe(0);
    const later = await purgeExpiredSessions(t.database.db, new Date(Date.now() + 40 * 24 * 3600_000));
    expect(later.sessions).toBeGreaterThan(0);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: as(s) });
    expect(me.statusCode).toBe(401);
  });
});
