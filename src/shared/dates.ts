/**
 * Today in the clerks' time zone (Beijing time), whatever zone the machine is set to, as
 * 2026-11-27 (how dates are stored and typed in forms). The one source of "today" for what is
 * stored, printed and exported; pass `now` to print as of another instant.
 */
export function todayIso(now = new Date()): string {
  const p = clerkDate(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today in the clerks' time zone as printed on boards and workbooks: 2026年11月27日. */
export function todayChinese(now = new Date()): string {
  const p = clerkDate(now);
  return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`;
}

const CLERK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function clerkDate(now: Date): { year: string; month: string; day: string } {
  const parts = Object.fromEntries(CLERK_DATE.formatToParts(now).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day! };
}
