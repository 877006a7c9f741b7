import { todayInAmsterdam, type CalendarDate } from '@vangnet/shared';
import { SettableClock } from '../core/clock.js';

/**
 * The moment the server tests run at. Set VANGNET_TEST_NOW to any ISO 8601 moment (for example
 * `2026-12-06T10:00:00+01:00`, a Sunday) to run them then; unset, they run at the real time. Tests, the
 * demo seed and the test app take the time from here, never from `new Date()`, so a test that passes on
 * a Tuesday also passes on a Sunday, on King's Day or on 31 December (docs/development.md).
 */
function chosenMoment(): Date {
  const chosen = process.env.VANGNET_TEST_NOW;
  if (!chosen) return new Date();
  const moment = new Date(chosen);
  if (Number.isNaN(moment.getTime())) throw new RangeError(`VANGNET_TEST_NOW is not a moment: ${chosen}`);
  return moment;
}

/** The moment this test file started at (VANGNET_TEST_NOW or the real time), the same for the whole file. */
export const TEST_NOW: Date = chosenMoment();

/** A clock for a test app that goes on from TEST_NOW at the pace of the real time. */
export function testClock(): SettableClock {
  return new SettableClock(TEST_NOW, true);
}

/** A clock for a test app that stands still at a moment (TEST_NOW by default) until the test moves it. */
export function stoppedTestClock(at: Date = TEST_NOW): SettableClock {
  return new SettableClock(at);
}

/** TEST_NOW's date in the Netherlands. */
export function testToday(): CalendarDate {
  return todayInAmsterdam(TEST_NOW);
}

/** A moment `days` whole days (of 24 hours) from TEST_NOW; negative for the past. */
export function daysFromTestNow(days: number): Date {
  return new Date(TEST_NOW.getTime() + days * 86_400_000);
}

/** TEST_NOW as an SQL literal, for a test's own SQL that must see the same moment as the app. */
export const TEST_NOW_SQL = `'${TEST_NOW.toISOString()}'::timestamptz`;
