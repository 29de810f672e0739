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

const CLERK_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant (ISO) as the clerk reads it, in Beijing time: 2026-11-27 08:05:09. */
export function formatDateTime(iso: string): string {
  const parts = Object.fromEntries(CLERK_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
