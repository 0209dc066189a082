/**
 * The message catalog. Chinese (zh-CN) is the source of truth; English and Uyghur follow the same keys.
 * A key missing in `en` or `ug` falls back to Chinese. `{name}` placeholders are filled from params.
 */
export const zhCN = {
  "error.validation": "请求参数不正确",
  "error.unauthenticated": "请先登录",
  "error.forbidden": "无权执行此操作",
  "error.notFound": "请求的资源不存在",
  "error.routeNotFound": "接口不存在：{method} {url}",
  "error.conflict": "操作冲突，请刷新后重试",
  "error.invalidState": "当前状态不允许此操作",
  "error.rateLimited": "请求过于频繁，请稍后再试",
  "error.payloadTooLarge": "请求内容过大，上限为 {limit} 字节",
  "error.unsupportedMediaType": "不支持的内容类型：{contentType}",
  "error.badJson": "请求体不是合法的 JSON",
  "error.internal": "系统内部错误，请稍后再试或联系运维人员（请求编号 {requestId}）",
  "error.unavailable": "服务暂不可用，请稍后再试",
  "calendar.invalidDate": "日期格式不正确，应为有效的 YYYY-MM-DD 日期",
  "calendar.invalidWorkdays": "工作日数必须是 0 到 1000 之间的整数",
  "calendar.rangeReversed": "结束日期不能早于开始日期",
  "calendar.rangeTooLong": "查询区间不能超过 1100 天",
  "calendar.invalidRegion": "行政区划代码格式不正确，应为 2、4、6、9 或 12 位数字",
  "calendar.yearNotCovered":
    "{year} 年的法定节假日和调休安排尚未发布到系统中（已覆盖 {covered}），无法计算工作日。请管理员录入国务院办公厅通知后再试",
  "calendar.overrideYearNotCovered": "{year} 年不在节假日数据覆盖范围内，请先登记该年度的放假安排",
  "health.ok": "运行正常",
} as const;

export type MessageKey = keyof typeof zhCN;
export type Catalog = Partial<Record<MessageKey, string>>;

export const en: Catalog = {
  "error.validation": "Invalid request parameters",
  "error.unauthenticated": "Please log in first",
  "error.forbidden": "You are not allowed to do this",
  "error.notFound": "The requested resource does not exist",
  "error.routeNotFound": "No such endpoint: {method} {url}",
  "error.conflict": "Conflicting operation, please refresh and retry",
  "error.invalidState": "This operation is not allowed in the current state",
  "error.rateLimited": "Too many requests, please try again later",
  "error.payloadTooLarge": "Request body too large; the limit is {limit} bytes",
  "error.unsupportedMediaType": "Unsupported content type: {contentType}",
  "error.badJson": "The request body is not valid JSON",
  "error.internal": "Internal error; please retry later or contact operations (request id {requestId})",
  "error.unavailable": "Service temporarily unavailable",
  "calendar.invalidDate": "Invalid date, expected a valid YYYY-MM-DD",
  "calendar.invalidWorkdays": "Working days must be an integer between 0 and 1000",
  "calendar.rangeReversed": "The end date must not be before the start date",
  "calendar.rangeTooLong": "The range must not exceed 1100 days",
  "calendar.invalidRegion": "Invalid division code: 2, 4, 6, 9 or 12 digits expected",
  "calendar.yearNotCovered":
    "The public holidays of {year} are not in the system yet (covered: {covered}); an administrator must enter the State Council notice first",
  "calendar.overrideYearNotCovered": "{year} is not covered by holiday data; register that year's schedule first",
  "health.ok": "OK",
};

export const ug: Catalog = {
  "error.validation": "ئىلتىماس پارامېتىرى توغرا ئەمەس",
  "error.unauthenticated": "ئاۋۋال كىرىڭ",
  "error.forbidden": "بۇ مەشغۇلاتنى قىلىش ھوقۇقىڭىز يوق",
  "error.notFound": "تەلەپ قىلىنغان مەنبە مەۋجۇت ئەمەس",
  "error.internal": "سىستېما ئىچكى خاتالىقى (ئىلتىماس نومۇرى {requestId})",
  "health.ok": "نورمال",
};

export const LOCALES = ["zh-CN", "en", "ug"] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Catalog> = { "zh-CN": zhCN, en, ug };

/** Picks the best supported locale from an Accept-Language header; Chinese by default. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (acceptLanguage === undefined) return "zh-CN";
  const wanted = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
    if (tag.startsWith("ug")) return "ug";
  }
  return "zh-CN";
}

export type MessageParams = Record<string, string | number>;

/** Renders a catalog message in a locale, falling back to Chinese. */
export function translate(key: MessageKey, locale: Locale = "zh-CN", params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? zhCN[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
