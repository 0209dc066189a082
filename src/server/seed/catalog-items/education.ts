import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  defineItem,
  F,
  householdRegister,
  idCard,
  issued,
  law,
  mat,
  realEstateCertificate,
  select,
  standardProcess,
} from "./common.js";

const COMPULSORY_EDUCATION_LAW = "《中华人民共和国义务教育法》";

/** 教育 items: 义务教育入学. */
export const EDUCATION_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "compulsory_school_enrollment",
    bundleNames: ["义务教育阶段学校学生入学"],
    department: "教育局",
    lineCode: "education",
    name: "义务教育阶段学校学生入学",
    itemType: "20",
    basis: [
      law(
        COMPULSORY_EDUCATION_LAW,
        "第十一条",
        "凡年满六周岁的儿童，其父母或者其他法定监护人应当送其入学接受并完成义务教育。",
      ),
      law(
        COMPULSORY_EDUCATION_LAW,
        "第十二条",
        "适龄儿童、少年免试入学。地方各级人民政府应当保障适龄儿童、少年在户籍所在地学校就近入学。",
      ),
    ],
    exerciseLevels: ["3", "4"],
    serviceObjects: ["1"],
    subItems: [
      { code: "001", name: "小学一年级新生入学" },
      { code: "002", name: "初中一年级新生入学" },
      { code: "003", name: "随迁子女入学" },
    ],
    legalLimitDays: null,
    promisedLimitDays: 10,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "none",
    acceptanceConditions: [
      "年满六周岁的适龄儿童，或小学毕业升入初中的学生",
      "户籍在本学区，或父母在本地工作、居住并已办理居住登记的随迁子女",
    ],
    materials: [
      householdRegister({ name: "儿童及监护人居民户口簿" }),
      idCard({ name: "监护人居民身份证" }),
      realEstateCertificate({
        name: "学区内住房的不动产权证书或购房合同",
        isRequired: false,
        note: "按房产划片入学的提供",
      }),
      mat("rental_contract", "房屋租赁合同及居住登记凭证", 1, 1, {
        isRequired: false,
        semanticKey: "residence_proof",
        note: "随迁子女提供，可通过暂住登记信息共享核验",
      }),
      issued("vaccination_check", "预防接种证查验证明", 1, 0, {
        isToleratedMissing: true,
        note: "可在入学后 30 日内补交",
      }),
    ],
    form: [
      F.childName("学生姓名"),
      F.childIdNumber("学生公民身份号码"),
      F.birthDate(),
      F.applicantName("监护人姓名"),
      F.idNumber("监护人公民身份号码"),
      F.householdAddress(),
      F.address("现居住地址", true),
      select("enrollmentType", "入学类型", ["小学一年级", "初中一年级", "随迁子女插班"]),
      F.phone(),
    ],
    process: standardProcess(
      10,
      "在招生报名期间通过义务教育招生服务平台或学校报名",
      "教育部门会同公安、住建等部门核验户籍、房产和居住信息，按学区划片安排学位",
      "公布录取结果，发放入学通知书",
    ),
    resultName: "义务教育入学通知书",
    resultKind: "document",
    reviewCriteria: ["学生年龄符合入学条件", "户籍、住房或居住登记信息与学区划片一致"],
    appointment: { isSupported: false, note: "按当年招生公告规定的报名时间办理" },
  }),
];
