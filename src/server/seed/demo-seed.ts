import { withIdCheckChar } from "../../shared/codes/id-number.js";
import { AppError } from "../../shared/errors.js";
import { SYSTEM, toAuditActor } from "../actor.js";
import { recordAudit } from "../audit/audit.service.js";
import type { AgencyKind, Role } from "../db/tables.js";
import type { Deps } from "../http/context.js";
import { importAgencyDirectory, type DirectoryImport } from "../modules/agencies/agencies.service.js";
import { createStaffUser, registerApplicant } from "../modules/identity/identity.service.js";
import { importRegions, type ImportProgress } from "../modules/regions/regions.import.js";
import { DEMO_TOWNSHIPS, FUNCTIONAL_LINES, LINE_NAMING, demoCreditCode } from "./demo-agencies.js";
import { listChildCodes, listRegionNames, readMeta, writeMeta } from "./seed.queries.js";
import { seedCatalog, type CatalogSeedResult } from "./catalog-seed.js";
import { seedLicenseTypes } from "../modules/credentials/license-types.service.js";
import { SEED_LICENSE_TYPES } from "./license-types.js";
import { seedBundles, type BundleSeedResult } from "./bundle-seed.js";
import { SEED_CATALOG_ITEMS } from "./catalog-items/index.js";
import bundles from "./data/kashgar-18-bundles.json" with { type: "json" };

/** Every (item, department) pair of the 18 bundles. */
export function bundleItems(): { name: string; department: string; bundle: string }[] {
  return bundles.bundles.flatMap((b) =>
    b.items.map((i) => ({ name: i.name, department: i.department, bundle: b.name })),
  );
}

/** The documented demo password of every demo account (demo data only; DEMO_SEED=false in production). */
export const DEMO_PASSWORD = "Demo@2026xj";

export interface DemoAccount {
  role: string;
  login: string;
  name: string;
  agency?: string;
}

const XINJIANG = "65";
const KASHGAR = "6531";

function levelOf(code: string): "region" | "prefecture" | "county" {
  return code.length === 2 ? "region" : code.length === 4 ? "prefecture" : "county";
}

/** Builds the demo directory (pure given region names). */
export function buildDemoDirectory(
  names: Map<string, string>,
  counties: string[],
  townships: string[],
): DirectoryImport {
  const agencies: DirectoryImport["agencies"] = [];
  const venues: DirectoryImport["venues"] = [];
  let seq = 1;
  const prefectureName = names.get(KASHGAR) ?? "喀什地区";
  for (const region of [XINJIANG, KASHGAR, ...counties]) {
    const regionName = names.get(region) ?? region;
    const level = levelOf(region);
    for (const naming of LINE_NAMING) {
      const template = naming.names[level];
      if (template === undefined) continue;
      const name = template.replace("{r}", regionName).replace("{p}", prefectureName);
      const category = naming.kind === "public_utility" ? "91" : naming.kind === "implementing" ? "12" : "11";
      agencies.push({
        name,
        creditCode: demoCreditCode(category, region, seq++),
        regionCode: region,
        kind: naming.kind,
        lineCode: naming.line,
        phone: "12345",
      });
    }
    const admin = agencies.find((a) => a.regionCode === region && a.lineCode === "government_services");
    if (admin !== undefined) {
      venues.push({
        agencyCreditCode: admin.creditCode,
        regionCode: region,
        name: `${regionName}政务服务中心`,
        kind: "service_center",
        phone: "12345",
      });
    }
  }
  for (const town of townships) {
    const townName = names.get(town) ?? town;
    const countyName = names.get(town.slice(0, 6)) ?? "";
    const isStreet = townName.endsWith("街道");
    const kind: AgencyKind = "implementing";
    const agency = {
      name: `${countyName}${townName}${isStreet ? "办事处" : "人民政府"}`,
      creditCode: demoCreditCode("11", town.slice(0, 6), seq++),
      regionCode: town,
      kind,
      lineCode: null,
    };
    agencies.push(agency);
    venues.push({
      agencyCreditCode: agency.creditCode,
      regionCode: town,
      name: `${townName}便民服务中心`,
      kind: "convenience_center",
    });
  }
  return { lines: FUNCTIONAL_LINES.map((l) => ({ code: l.code, name: l.name })), agencies, venues };
}

interface StaffSpec {
  login: string;
  name: string;
  region: string;
  line: string;
  roles: Role[];
  scope?: string;
  label: string;
}

const STAFF: StaffSpec[] = [
  {
    login: "kashi.clerk",
    name: "阿依古丽·买买提",
    region: "653101",
    line: "government_services",
    roles: ["window_clerk"],
    label: "喀什市政务服务中心综合窗口",
  },
  {
    login: "shufu.clerk",
    name: "热依拉·吐尔逊",
    region: "653121",
    line: "government_services",
    roles: ["window_clerk"],
    label: "疏附县政务服务中心综合窗口",
  },
  {
    login: "kashgar.samr.reviewer",
    name: "王建新",
    region: KASHGAR,
    line: "market_regulation",
    roles: ["reviewer"],
    label: "喀什地区市场监督管理局 审核",
  },
  {
    login: "kashgar.samr.approver",
    name: "艾尔肯·阿布都拉",
    region: KASHGAR,
    line: "market_regulation",
    roles: ["approver"],
    label: "喀什地区市场监督管理局 审批",
  },
  {
    login: "kashgar.samr.editor",
    name: "李梅",
    region: KASHGAR,
    line: "market_regulation",
    roles: ["catalog_editor"],
    label: "喀什地区市场监督管理局 事项编辑",
  },
  {
    login: "kashgar.hrss.reviewer",
    name: "努尔尼沙·阿不力孜",
    region: KASHGAR,
    line: "human_resources",
    roles: ["reviewer"],
    label: "喀什地区人力资源和社会保障局 审核",
  },
  {
    login: "kashgar.justice.reviewer",
    name: "阿不都热合曼·托乎提",
    region: KASHGAR,
    line: "justice",
    roles: ["catalog_reviewer"],
    label: "喀什地区司法局 合法性审查",
  },
  {
    login: "kashgar.staffing.reviewer",
    name: "陈静",
    region: KASHGAR,
    line: "staffing",
    roles: ["catalog_reviewer"],
    label: "喀什地区编办 机构编制审核",
  },
  {
    login: "kashgar.digital.reviewer",
    name: "张海燕",
    region: KASHGAR,
    line: "government_services",
    roles: ["catalog_reviewer"],
    label: "喀什地区数字化发展局 事项审核",
  },
  {
    login: "kashgar.supervisor",
    name: "买合木提·依明",
    region: KASHGAR,
    line: "government_services",
    roles: ["supervisor"],
    label: "喀什地区数字化发展局 电子监察",
  },
  {
    login: "kashgar.admin",
    name: "刘志强",
    region: KASHGAR,
    line: "government_services",
    roles: ["admin"],
    label: "喀什地区数字化发展局 管理员",
  },
  // --- window (issue 9): 后台分类审批 of 喀什市's 入学一件事 (教育、公安、住建), for the window journeys
  {
    login: "kashi.education.approver",
    name: "古丽米热·艾山",
    region: "653101",
    line: "education",
    roles: ["approver"],
    label: "喀什市教育局 审批",
  },
  {
    login: "kashi.police.approver",
    name: "艾克拜尔·吐尔逊",
    region: "653101",
    line: "public_security",
    roles: ["approver"],
    label: "喀什市公安局 审批",
  },
  {
    login: "kashi.housing.approver",
    name: "周海涛",
    region: "653101",
    line: "housing_construction",
    roles: ["approver"],
    label: "喀什市住房和城乡建设局 审批",
  },
  // --- end window
  {
    login: "xj.admin",
    name: "赵卫东",
    region: XINJIANG,
    line: "government_services",
    roles: ["admin"],
    label: "自治区数字化发展局 平台管理员",
  },
  // 基本目录 and 实施规范 are drafted by the line department at the level that sets the item (SPEC §3):
  // 城市管理 has no 自治区 department, so its basic items are set at 地区 level by this bureau.
  {
    login: "kashgar.urban.editor",
    name: "马晓燕",
    region: KASHGAR,
    line: "urban_management",
    roles: ["catalog_editor"],
    label: "喀什地区城市管理局 事项编辑（基本目录、实施规范）",
  },
];

/** Demo applicants: ID numbers are generated with a valid check character (not real people). */
export const DEMO_CITIZENS = [
  { idNumber: withIdCheckChar("65310119900315201"), name: "买买提·艾力", phone: "13899990001" },
  { idNumber: withIdCheckChar("65312119920708102"), name: "古丽娜尔·阿不都", phone: "13899990002" },
] as const;

export const DEMO_ENTERPRISE = {
  creditCode: demoCreditCode("91", "653101", 900001),
  name: "喀什丝路商贸有限公司",
  phone: "13899990003",
};

/**
 * First-start seed: the Xinjiang divisions, the demo agencies and the demo accounts. Runs once
 * (recorded in platform_meta); returns the accounts to print, or undefined if already seeded.
 */
export async function seedDemo(
  deps: Deps,
  onRegionProgress?: ImportProgress,
  options: {
    withCatalog?: boolean;
    onCatalog?: (r: CatalogSeedResult) => void;
    onBundles?: (r: BundleSeedResult) => void;
  } = {},
): Promise<DemoAccount[] | undefined> {
  if ((await readMeta(deps.db, "demo_seed")) !== undefined) return undefined;
  await importRegions(
    SYSTEM,
    { province: XINJIANG, ...(onRegionProgress ? { onProgress: onRegionProgress } : {}) },
    deps.db,
  );
  const counties = await listChildCodes(deps.db, KASHGAR);
  const names = await listRegionNames(deps.db, [XINJIANG, KASHGAR, ...counties, ...DEMO_TOWNSHIPS]);
  const directory = buildDemoDirectory(names, counties, [...DEMO_TOWNSHIPS]);
  const ids = await importAgencyDirectory(SYSTEM, directory, deps.db);
  const agencyOf = (region: string, line: string) => {
    const a = directory.agencies.find((x) => x.regionCode === region && x.lineCode === line);
    if (a === undefined) throw new Error(`demo agency missing: ${region} ${line}`);
    return { id: ids.get(a.creditCode) ?? 0, name: a.name };
  };

  const accounts: DemoAccount[] = [];
  // A start that crashed half-way through the seed left some accounts: those are kept.
  const unlessExists = async (create: () => Promise<unknown>) => {
    try {
      await create();
    } catch (err) {
      if (!(err instanceof AppError && err.code === "CONFLICT")) throw err;
    }
  };
  for (const [i, c] of DEMO_CITIZENS.entries()) {
    await unlessExists(() =>
      registerApplicant(
        SYSTEM,
        { kind: "person", idNumber: c.idNumber, name: c.name, phone: c.phone, password: DEMO_PASSWORD },
        deps,
      ),
    );
    accounts.push({
      role: i === 0 ? "群众（自然人）" : "群众（自然人，另一位）",
      login: c.idNumber,
      name: c.name,
    });
  }
  await unlessExists(() =>
    registerApplicant(
      SYSTEM,
      {
        kind: "enterprise",
        creditCode: DEMO_ENTERPRISE.creditCode,
        name: DEMO_ENTERPRISE.name,
        phone: DEMO_ENTERPRISE.phone,
        password: DEMO_PASSWORD,
      },
      deps,
    ),
  );
  accounts.push({ role: "企业（法人）", login: DEMO_ENTERPRISE.creditCode, name: DEMO_ENTERPRISE.name });
  for (const s of STAFF) {
    const agency = agencyOf(s.region, s.line);
    await unlessExists(() =>
      createStaffUser(
        SYSTEM,
        {
          loginName: s.login,
          displayName: s.name,
          password: DEMO_PASSWORD,
          agencyId: agency.id,
          grants: s.roles.map((role) => ({ role, regionCode: s.scope ?? s.region })),
        },
        deps,
      ),
    );
    accounts.push({ role: s.label, login: s.login, name: s.name, agency: agency.name });
  }
  await seedLicenseTypes(SEED_LICENSE_TYPES, deps); // credentials: the e-license types the guides reference
  if (options.withCatalog === true) {
    const result = await seedCatalog(deps, SEED_CATALOG_ITEMS);
    options.onCatalog?.(result);
    // 一件事: the 18 bundles over the guides just published.
    const bundleResult = await seedBundles(deps, SEED_CATALOG_ITEMS, result);
    options.onBundles?.(bundleResult);
  }
  await deps.db.transaction().execute(async (trx) => {
    const value = {
      seededAt: new Date().toISOString(),
      agencies: directory.agencies.length,
      accounts: accounts.length,
    };
    await writeMeta(trx, "demo_seed", value);
    await recordAudit(trx, {
      actor: toAuditActor(SYSTEM),
      action: "seed.demo",
      entityType: "platform_meta",
      entityId: "demo_seed",
      after: value,
    });
  });
  return accounts;
}

/** The banner printed at first start. */
export function formatDemoAccounts(accounts: DemoAccount[], baseUrl: string): string {
  const lines = accounts.map((a) => `  ${a.role.padEnd(16, "　")} ${a.login.padEnd(24)} ${a.name}`);
  return [
    "",
    "演示账号（仅供演示，密码均为 " + DEMO_PASSWORD + "；生产环境请设置 DEMO_SEED=false）:",
    ...lines,
    `登录：POST ${baseUrl}/api/v1/auth/login  { "identifier": "<账号>", "password": "<密码>" }`,
    "",
  ].join("\n");
}
