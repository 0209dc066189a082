import type {
  Channel,
  CrossRegionScope,
  ExerciseLevel,
  ItemTypeCode,
  ServiceObject,
} from "../../../shared/catalog.js";
import type { BasicItemContent, LegalBasis } from "../../../shared/contracts/catalog-content.js";
import type { SeedCatalogItem } from "../catalog-seed-types.js";
import type { LineCode } from "../demo-agencies.js";

/**
 * Builders shared by the demo catalog items: common materials (identity documents, licences) with
 * their e-license types and semantic keys, common form fields, process steps, and `defineItem`, which
 * derives the basic catalog entry and the guide from one description so that they stay consistent
 * (same name, type and legal limit; the basic basis and service objects a superset of the guide's).
 */

type Guide = SeedCatalogItem["guide"];
export type MaterialInput = Guide["materials"][number];
export type FieldInput = Guide["form"][number];
export type StepInput = Guide["process"][number];
export type FeeItemInput = Guide["fee"]["items"][number];

export const law = (name: string, article: string, text?: string): LegalBasis =>
  text === undefined ? { law: name, article } : { law: name, article, text };

// ---------------------------------------------------------------------------------------------
// Materials
// ---------------------------------------------------------------------------------------------

type MaterialOpts = Partial<MaterialInput>;

/** A material the applicant brings: originals and copies, required unless told. */
export function mat(
  key: string,
  name: string,
  originals: number,
  copies: number,
  opts: MaterialOpts = {},
): MaterialInput {
  return {
    key,
    name,
    originals,
    copies,
    isRequired: true,
    form: "paper_or_electronic",
    source: "applicant",
    isToleratedMissing: false,
    ...opts,
  };
}

/** A material issued by another agency (证明、凭证), obtained by the applicant or pushed to the window. */
export const issued = (
  key: string,
  name: string,
  originals: number,
  copies: number,
  opts: MaterialOpts = {},
) => mat(key, name, originals, copies, { source: "issuing_agency", ...opts });

/** A material the window obtains through data sharing: nothing to hand in. */
export const shared = (key: string, name: string, sharedDataKey: string, opts: MaterialOpts = {}) =>
  mat(key, name, 0, 0, {
    source: "shared_data",
    sharedDataKey,
    form: "electronic",
    note: "通过数据共享获取，申请人无需提交",
    ...opts,
  });

function license(
  key: string,
  name: string,
  licenseTypeCode: string,
  note: string,
  opts: MaterialOpts,
  originals = 1,
): MaterialInput {
  return mat(key, name, originals, 0, {
    source: "license",
    licenseTypeCode,
    semanticKey: key,
    note,
    ...opts,
  });
}

export const idCard = (opts: MaterialOpts = {}) =>
  license(
    "id_card",
    "居民身份证",
    "resident_id_card",
    "窗口核验原件后退还；已申领电子身份证照的，可出示电子证照代替",
    opts,
  );

export const householdRegister = (opts: MaterialOpts = {}) =>
  license(
    "household_register",
    "居民户口簿",
    "household_register",
    "核验户主页和本人页原件；可通过电子证照库调取的免于提交",
    opts,
  );

export const businessLicense = (opts: MaterialOpts = {}) =>
  license(
    "business_license",
    "营业执照",
    "business_license",
    "通过电子营业执照库调取，无需提交纸质件",
    { form: "electronic", ...opts },
    0,
  );

export const marriageCertificate = (opts: MaterialOpts = {}) =>
  license(
    "marriage_certificate",
    "结婚证",
    "marriage_certificate",
    "核验原件；婚姻登记信息可通过电子证照库调取",
    opts,
  );

export const realEstateCertificate = (opts: MaterialOpts = {}) =>
  license(
    "real_estate_certificate",
    "不动产权证书",
    "real_estate_certificate",
    "可通过不动产登记电子证照调取；仍持有原《房屋所有权证》《国有土地使用证》的一并提交",
    opts,
  );

export const birthMedicalCertificate = (opts: MaterialOpts = {}) =>
  license(
    "birth_medical_certificate",
    "出生医学证明",
    "birth_medical_certificate",
    "由助产机构签发，可通过电子证照库调取",
    opts,
  );

export const socialSecurityCard = (opts: MaterialOpts = {}) =>
  license("social_security_card", "社会保障卡", "social_security_card", "实体卡或电子社保卡均可", opts);

export const veteranCertificate = (opts: MaterialOpts = {}) =>
  license(
    "veteran_certificate",
    "退出现役证",
    "veteran_certificate",
    "核验原件；已领取退役军人证的可一并出示",
    opts,
  );

export const disabilityCertificate = (opts: MaterialOpts = {}) =>
  license(
    "disability_certificate",
    "中华人民共和国残疾人证",
    "disability_certificate",
    "第二代残疾人证，可通过电子证照库调取",
    opts,
  );

export const photo = (count: number, spec: string, opts: MaterialOpts = {}) =>
  mat("photo", "近期免冠彩色证件照片", count, 0, { semanticKey: "photo", note: spec, ...opts });

export const bankAccount = (opts: MaterialOpts = {}) =>
  mat("bank_account", "本人社会保障卡（金融账户已激活）或银行借记卡", 0, 1, {
    semanticKey: "bank_account",
    note: "用于待遇或款项发放，须为申请人本人名下账户",
    ...opts,
  });

export const houseContract = (opts: MaterialOpts = {}) =>
  mat("house_contract", "房屋买卖合同（网签备案版）", 1, 0, {
    semanticKey: "house_contract",
    note: "已网签备案的，窗口通过网签备案系统调取",
    ...opts,
  });

export const deathCertificate = (opts: MaterialOpts = {}) =>
  issued("death_certificate", "居民死亡医学证明（推断）书或公安机关出具的死亡证明", 1, 1, {
    semanticKey: "death_certificate",
    note: "已通过人口死亡信息共享获取的，免于提交",
    ...opts,
  });

export const powerOfAttorney = (opts: MaterialOpts = {}) =>
  mat("power_of_attorney", "授权委托书", 1, 0, {
    isRequired: false,
    semanticKey: "power_of_attorney",
    note: "委托他人代为办理的提供，同时出示受托人居民身份证原件",
    ...opts,
  });

export const applicationForm = (name: string, opts: MaterialOpts = {}) =>
  mat("application_form", name, 1, 0, {
    note: "网上申请的由系统根据填报信息自动生成，无需另行提交",
    ...opts,
  });

// ---------------------------------------------------------------------------------------------
// Form fields
// ---------------------------------------------------------------------------------------------

export const field = (
  key: string,
  label: string,
  type: FieldInput["type"],
  isRequired = true,
  extra: Partial<FieldInput> = {},
): FieldInput => ({ key, label, type, isRequired, ...extra });

export const select = (
  key: string,
  label: string,
  options: string[],
  isRequired = true,
  extra: Partial<FieldInput> = {},
): FieldInput => ({ key, label, type: "select", isRequired, options, ...extra });

export const F = {
  applicantName: (label = "申请人姓名") =>
    field("applicantName", label, "text", true, { semanticKey: "applicant_name", maxLength: 50 }),
  idNumber: (label = "公民身份号码") =>
    field("idNumber", label, "id_number", true, { semanticKey: "id_number" }),
  phone: (label = "联系电话") => field("phone", label, "phone", true, { semanticKey: "phone" }),
  address: (label = "联系地址", isRequired = false) =>
    field("address", label, "address", isRequired, { semanticKey: "address" }),
  householdAddress: (label = "户籍地址", isRequired = true) =>
    field("householdAddress", label, "address", isRequired, { semanticKey: "household_address" }),
  enterpriseName: (label = "单位名称") =>
    field("enterpriseName", label, "text", true, { semanticKey: "enterprise_name", maxLength: 100 }),
  creditCode: () =>
    field("creditCode", "统一社会信用代码", "credit_code", true, { semanticKey: "credit_code" }),
  legalRepresentative: () =>
    field("legalRepresentative", "法定代表人（负责人）", "text", true, {
      semanticKey: "legal_representative",
    }),
  childName: (label = "儿童姓名") => field("childName", label, "text", true, { semanticKey: "child_name" }),
  childIdNumber: (label = "儿童公民身份号码", isRequired = true) =>
    field("childIdNumber", label, "id_number", isRequired, { semanticKey: "child_id_number" }),
  birthDate: (label = "出生日期") => field("birthDate", label, "date", true, { semanticKey: "birth_date" }),
  gender: (label = "性别") => select("gender", label, ["男", "女"], true, { semanticKey: "gender" }),
  bankAccount: (label = "收款银行账号") =>
    field("bankAccountNo", label, "text", true, { semanticKey: "bank_account_number", maxLength: 30 }),
  propertyLocation: (label = "不动产坐落") =>
    field("propertyLocation", label, "address", true, { semanticKey: "property_location" }),
  region: (key: string, label: string) => field(key, label, "region", true),
};

// ---------------------------------------------------------------------------------------------
// Process
// ---------------------------------------------------------------------------------------------

export const step = (name: string, description: string, limitDays?: number): StepInput =>
  limitDays === undefined ? { name, description } : { name, description, limitDays };

/** 即办件: accepted and finished on the spot. */
export const instantProcess = (accept: string, finish: string): StepInput[] => [
  step("受理", accept, 0),
  step("办结", finish, 0),
];

/** 承诺件: 受理、审核、办结, the promised days spread over the three steps. */
export function standardProcess(
  promised: number,
  accept: string,
  review: string,
  finish: string,
): StepInput[] {
  const edge = promised >= 3 ? 1 : 0;
  return [step("受理", accept, edge), step("审核", review, promised - 2 * edge), step("办结", finish, edge)];
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

export const DEFAULT_APPOINTMENT = {
  isSupported: true,
  note: "可通过新疆政务服务网或“新疆政务服务”移动端预约办理时段，也可直接到窗口办理",
};

export interface ItemSpec {
  key: string;
  /** Names exactly as written in kashgar-18-bundles.json. */
  bundleNames: string[];
  department: string;
  lineCode: LineCode;
  /** The basic catalog name (and the guide's unless guideName). */
  name: string;
  /** A sub-item name when the guide implements one sub-item only. */
  guideName?: string;
  itemType: ItemTypeCode;
  basis: LegalBasis[];
  /** Further bases of the basic item that the guide does not cite. */
  basicOnlyBasis?: LegalBasis[];
  /** Default 自治区、地（州、市）、县（市、区）. */
  exerciseLevels?: ExerciseLevel[];
  serviceObjects: ServiceObject[];
  basicOnlyServiceObjects?: ServiceObject[];
  subItems?: { code: string; name: string }[];
  handlingItems?: { seq: number; name: string }[];
  handlingItemSeq?: number;
  legalLimitDays: number | null;
  /** 0 = 即办件. */
  promisedLimitDays: number;
  isInHall?: boolean;
  hallNegativeReason?: string;
  channels: Channel[];
  isFullyOnline: boolean;
  onlineNegativeReason?: string;
  crossRegion?: CrossRegionScope;
  notificationCommitment?: string;
  acceptanceConditions: string[];
  materials: MaterialInput[];
  form: FieldInput[];
  process: StepInput[];
  isJointApproval?: boolean;
  /** Absent = free of charge. */
  fees?: FeeItemInput[];
  resultName: string;
  resultKind: "license" | "document" | "notice" | "none";
  licenseTypeCode?: string;
  reviewCriteria: string[];
  appointment?: { isSupported: boolean; note?: string };
  localAdditions?: string[];
}

export function defineItem(s: ItemSpec): SeedCatalogItem {
  const basic: BasicItemContent = {
    name: s.name,
    itemType: s.itemType,
    basis: [...s.basis, ...(s.basicOnlyBasis ?? [])],
    exerciseLevels: s.exerciseLevels ?? ["2", "3", "4"],
    lineCode: s.lineCode,
    serviceObjects: [...s.serviceObjects, ...(s.basicOnlyServiceObjects ?? [])],
    legalLimitDays: s.legalLimitDays,
    subItems: s.subItems ?? [],
    handlingItems: s.handlingItems ?? [],
  };
  const fees = s.fees ?? [];
  const guide: Guide = {
    name: s.guideName ?? s.name,
    itemType: s.itemType,
    basis: s.basis,
    serviceObjects: s.serviceObjects,
    legalLimitDays: s.legalLimitDays,
    promisedLimitDays: s.promisedLimitDays,
    caseKind: s.promisedLimitDays === 0 ? "1" : "2",
    isInHall: s.isInHall ?? true,
    channels: s.channels,
    acceptanceConditions: s.acceptanceConditions,
    materials: s.materials,
    form: s.form,
    process: s.process,
    isJointApproval: s.isJointApproval ?? false,
    fee: { isFree: fees.length === 0, items: fees },
    resultName: s.resultName,
    resultKind: s.resultKind,
    ...(s.licenseTypeCode === undefined ? {} : { licenseTypeCode: s.licenseTypeCode }),
    reviewCriteria: s.reviewCriteria,
    appointment: s.appointment ?? DEFAULT_APPOINTMENT,
    tags: {
      crossRegion: s.crossRegion ?? "none",
      isFullyOnline: s.isFullyOnline,
      ...(s.onlineNegativeReason === undefined ? {} : { onlineNegativeReason: s.onlineNegativeReason }),
      ...(s.hallNegativeReason === undefined ? {} : { hallNegativeReason: s.hallNegativeReason }),
      ...(s.notificationCommitment === undefined
        ? {}
        : { notificationCommitment: { text: s.notificationCommitment } }),
    },
    ...(s.handlingItemSeq === undefined ? {} : { handlingItemSeq: s.handlingItemSeq }),
    localAdditions: s.localAdditions ?? [],
  };
  return {
    key: s.key,
    bundleNames: s.bundleNames,
    department: s.department,
    lineCode: s.lineCode,
    basic,
    guide,
  };
}

/** Fee of 不动产登记 (发改价格规〔2016〕2559号). */
export const REAL_ESTATE_FEE_BASIS =
  "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）";
