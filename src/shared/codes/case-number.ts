/**
 * 统一办件编码 (GB/T 39046 in spirit), at most 50 characters:
 *
 *   <handling region code>-<YYYYMMDD>-<channel>-<sequence>      e.g. 653101-20260615-W-000042
 *
 * - handling region code: the division code (2–12 digits) of the region whose agency handles it;
 * - date: the day of application in Beijing time;
 * - channel: O online, W window, K kiosk, A assisted (帮办代办);
 * - sequence: 6+ digits, per region and day, taken atomically from the database, so numbers are
 *   unique platform-wide under any concurrency (region + day + sequence is the key).
 */
export const CHANNEL_LETTERS = { online: "O", window: "W", kiosk: "K", assisted: "A" } as const;
export type CaseChannelCode = keyof typeof CHANNEL_LETTERS;

const FORMAT = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})-(\d{8})-([OWKA])-(\d{6,})$/;

export function formatCaseNumber(
  regionCode: string,
  isoDate: string,
  channel: CaseChannelCode,
  seq: number,
): string {
  const number = `${regionCode}-${isoDate.replaceAll("-", "")}-${CHANNEL_LETTERS[channel]}-${String(seq).padStart(6, "0")}`;
  if (number.length > 50 || !FORMAT.test(number))
    throw new RangeError(`cannot form a case number from ${regionCode} ${isoDate} ${seq}`);
  return number;
}

export function parseCaseNumber(
  number: string,
): { regionCode: string; date: string; channel: string; seq: number } | undefined {
  const m = FORMAT.exec(number);
  if (m === null) return undefined;
  const d = m[2] ?? "";
  return {
    regionCode: m[1] ?? "",
    date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`,
    channel: m[3] ?? "",
    seq: Number(m[4]),
  };
}
