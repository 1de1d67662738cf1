/**
 * Calendar dates and the 2-digit year code. Every numbering rule in the seeds carries the issue
 * year as "公元纪年后两位": certificate numbers positions 14–15 (人社鉴发〔2019〕2号 附件1), supervisor
 * cards positions 4–5 / 8–9 (人社职司便函〔2020〕53号 附件1), Henan 专项 numbers positions 1–2
 * (豫人社办函〔2020〕41号 四(一)). Pure; no clock.
 */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** True if y-m-d is a real proleptic-Gregorian date with year ≥ 1. */
export const isCalendarDate = (y: number, m: number, d: number): boolean => {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
};

/** True for a well-formed, real YYYY-MM-DD date. */
export const isIsoDate = (s: string): boolean => {
  const m = ISO_DAY.exec(s);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** The 2-digit year code of an ISO date: 2021-06-30 → "21". */
export const yearCode = (isoDate: string): string => isoDate.slice(2, 4);

/**
 * The year check shared by every numbering rule: {expected, actual} when a number's year segment
 * is not the issue year, for the caller's own failure code. A missing or malformed date is skipped:
 * its own field reports it.
 */
export const yearMismatch = (issueDate: string | undefined, year: string): { expected: string; actual: string } | undefined => {
  if (issueDate === undefined || !isIsoDate(issueDate)) return undefined;
  const expected = yearCode(issueDate);
  return expected === year ? undefined : { expected, actual: year };
};
