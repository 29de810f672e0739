/**
 * "Today" and times as the clerk reads them: Beijing time, whatever zone the machine is set to.
 * The instants below are chosen where Beijing's date differs from UTC's (and from most zones'),
 * so a date taken in the machine's zone shows.
 */
import { describe, expect, it } from 'vitest';

// Loaded inside each test rather than imported: the module builds its formatters as it loads, and
// a formatter that cannot be built must fail these tests, not make them skipped.
const load = () => import('../../src/shared/dates');

/** 2026-11-27 00:05:09 in Beijing, still 11-26 in UTC and everywhere west of Beijing. */
const JUST_AFTER_MIDNIGHT = new Date('2026-11-26T16:05:09Z');
/** 2026-11-27 23:30:00 in Beijing, already 11-28 east of Beijing. */
const LATE_EVENING = new Date('2026-11-27T15:30:00Z');

describe('today in Beijing time', () => {
  it('as stored and typed in forms: 2026-11-27', async () => {
    const { todayIso } = await load();
    expect(todayIso(JUST_AFTER_MIDNIGHT)).toBe('2026-11-27');
    expect(todayIso(LATE_EVENING)).toBe('2026-11-27');
    expect(todayIso(new Date('2026-01-04T20:00:00Z'))).toBe('2026-01-05');
  });

  it('as printed on boards and workbooks, without leading zeros: 2026年1月5日', async () => {
    const { todayChinese } = await load();
    expect(todayChinese(JUST_AFTER_MIDNIGHT)).toBe('2026年11月27日');
    expect(todayChinese(LATE_EVENING)).toBe('2026年11月27日');
    expect(todayChinese(new Date('2026-01-04T20:00:00Z'))).toBe('2026年1月5日');
  });

  it('the year turns at Beijing midnight, and 29 February exists only in leap years', async () => {
    const { todayIso } = await load();
    expect(todayIso(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayIso(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
    expect(todayIso(new Date('2027-02-28T16:00:00Z'))).toBe('2027-03-01');
  });

  it('without an instant, today is the current Beijing date', async () => {
    const { todayIso, todayChinese } = await load();
    const before = new Date();
    const [iso, chinese] = [todayIso(), todayChinese()];
    const after = new Date();
    // Either side of a Beijing midnight that fell during the calls.
    expect([todayIso(before), todayIso(after)]).toContain(iso);
    expect([todayChinese(before), todayChinese(after)]).toContain(chinese);
  });
});

describe('an instant as the clerk reads it', () => {
  it('in Beijing time, 24-hour, with seconds: 2026-11-27 08:05:09', async () => {
    const { formatDateTime } = await load();
    expect(formatDateTime('2026-11-27T00:05:09Z')).toBe('2026-11-27 08:05:09');
    expect(formatDateTime('2026-11-27T12:05:09.123Z')).toBe('2026-11-27 20:05:09');
    expect(formatDateTime(JUST_AFTER_MIDNIGHT.toISOString())).toBe('2026-11-27 00:05:09');
    expect(formatDateTime('2026-11-27T16:00:00+08:00')).toBe('2026-11-27 16:00:00');
  });
});
