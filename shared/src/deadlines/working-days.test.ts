import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  dayOfWeek,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  publicHolidaysOf,
  toCalendarDate,
  workingDaysBetween,
  workingDaysLeft,
  type CalendarDate,
} from './index.js';

describe('the Dutch calendar date of a moment', () => {
  it('reads a timestamp as its date in Amsterdam, not in UTC', () => {
    // 00:30 on 1 April in Amsterdam (summer time, UTC+2) is still 31 March in UTC.
    expect(toCalendarDate(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    // 23:30 on 31 March in Amsterdam is 21:30 UTC: the same date.
    expect(toCalendarDate(new Date('2026-03-31T21:30:00Z'))).toBe('2026-03-31');
    // Winter time (UTC+1).
    expect(toCalendarDate(new Date('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(toCalendarDate(new Date('2026-01-31T22:59:59Z'))).toBe('2026-01-31');
  });

  it('takes a YYYY-MM-DD string as the date it names, and refuses anything else', () => {
    expect(toCalendarDate('2028-02-29')).toBe('2028-02-29');
    expect(() => toCalendarDate('2026-02-29')).toThrow(RangeError);
    expect(() => toCalendarDate('2026-4-1')).toThrow(RangeError);
    expect(() => toCalendarDate('2026-04-01T10:00:00Z')).toThrow(RangeError);
    expect(() => toCalendarDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('counts calendar days across month ends, leap days, New Year and the summer-time switch', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29'); // clocks go forward that night
    expect(addCalendarDays('2026-10-24', 2)).toBe('2026-10-26'); // clocks go back on the 25th
  });
});

describe('Dutch working days', () => {
  it('knows the weekend', () => {
    expect(dayOfWeek('2026-04-04')).toBe(6);
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-05')).toBe(false); // Sunday (also Easter)
    expect(isWorkingDay('2026-04-07')).toBe(true); // an ordinary Tuesday
  });

  it('excludes the public holidays of 2026', () => {
    expect([...publicHolidaysOf(2026).keys()].filter((date) => dayOfWeek(date) % 6 !== 0)).toEqual([
      '2026-01-01', // New Year's Day
      '2026-04-06', // Easter Monday
      '2026-04-27', // King's Day
      '2026-05-14', // Ascension Day
      '2026-05-25', // Whit Monday
      '2026-12-25', // Christmas Day (the 26th is a Saturday)
    ]);
    for (const holiday of [
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
    ])
      expect(isWorkingDay(holiday)).toBe(false);
  });

  it('moves King’s Day to Saturday 26 April when the 27th is a Sunday, with no Monday off', () => {
    // 2025: the 27th was a Sunday, so the holiday was Saturday the 26th.
    expect(isPublicHoliday('2025-04-26')).toBe(true);
    expect(isPublicHoliday('2025-04-27')).toBe(false);
    expect(isWorkingDay('2025-04-28')).toBe(true);
    // The same in 2031.
    expect(isPublicHoliday('2031-04-26')).toBe(true);
    // On a weekday it costs a working day: Friday 24 April 2026 + 1 is Tuesday the 28th.
    expect(addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
  });

  it('counts Good Friday and Liberation Day as working days (see the decision in working-days.ts)', () => {
    expect(isWorkingDay('2026-04-03')).toBe(true); // Good Friday 2026
    expect(isWorkingDay('2025-04-18')).toBe(true); // Good Friday 2025
    expect(isWorkingDay('2026-05-05')).toBe(true); // Liberation Day, an ordinary year
    expect(isWorkingDay('2025-05-05')).toBe(true); // Liberation Day in a lustrum year: still a working day
    expect(isWorkingDay('2030-05-06')).toBe(true);
  });

  it('counts Christmas Eve and New Year’s Eve as working days, both Christmas days not', () => {
    expect(isWorkingDay('2025-12-24')).toBe(true);
    expect(isWorkingDay('2025-12-25')).toBe(false);
    expect(isWorkingDay('2025-12-26')).toBe(false);
    expect(isWorkingDay('2025-12-31')).toBe(true);
  });

  it('adds working days over Easter, Ascension, Whitsun and Christmas into the new year', () => {
    // Thursday 2 April 2026: Good Friday counts (1), Easter weekend and Monday do not, Tue–Fri 7–10 April (2–5).
    expect(addWorkingDays('2026-04-02', 5)).toBe('2026-04-10');
    // Wednesday before Ascension Day: the next working day is the Friday.
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15');
    // Friday before Whitsun: the next working day is Tuesday after Whit Monday.
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
    // Tuesday 23 December 2025: 24th (1), 25th–28th off, 29th (2), 30th (3), 31st (4), 1 January off, 2 January (5).
    expect(addWorkingDays('2025-12-23', 5)).toBe('2026-01-02');
    // And back again.
    expect(addWorkingDays('2026-01-02', -5)).toBe('2025-12-23');
  });

  it('starts counting from a weekend day as from the day itself, and adds nothing for 0', () => {
    expect(addWorkingDays('2026-01-03', 1)).toBe('2026-01-05'); // Saturday → Monday
    expect(addWorkingDays('2026-01-03', 0)).toBe('2026-01-03');
    expect(nextWorkingDayOnOrAfter('2026-01-03')).toBe('2026-01-05');
    expect(nextWorkingDayOnOrAfter('2026-01-05')).toBe('2026-01-05');
    expect(nextWorkingDayOnOrAfter('2025-12-25')).toBe('2025-12-29');
  });

  it('counts the working days between two dates, negative backwards', () => {
    expect(workingDaysBetween('2026-04-02', '2026-04-10')).toBe(5);
    expect(workingDaysBetween('2026-04-10', '2026-04-02')).toBe(-5);
    expect(workingDaysBetween('2026-04-10', '2026-04-10')).toBe(0);
    expect(workingDaysBetween('2026-04-10', '2026-04-13')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-04-11', '2026-04-12')).toBe(0); // Saturday → Sunday
    expect(workingDaysBetween('2025-12-23', '2026-01-02')).toBe(5);
    expect(workingDaysBetween(new Date('2026-04-01T22:30:00Z'), '2026-04-10')).toBe(5); // 2 April in Amsterdam
  });
});

/**
 * The rule for a start day that is not a working day (docs/workflow.md, "Counting working days"):
 * counting forward, a day off counts like the working day before it; counting back, like the working day
 * after it. Every expectation below is written out by hand from a calendar.
 */
describe('counting working days from every kind of day', () => {
  interface Expected {
    readonly day: CalendarDate;
    readonly what: string;
    /** addWorkingDays(day, 1), (day, -1), (day, -2). */
    readonly next: CalendarDate;
    readonly previous: CalendarDate;
    readonly twoBack: CalendarDate;
  }

  // Week 50 of 2026: Monday 7 to Sunday 13 December, no holidays; Monday 14 December after it.
  const ordinaryWeek: readonly Expected[] = [
    { day: '2026-12-07', what: 'Monday', next: '2026-12-08', previous: '2026-12-04', twoBack: '2026-12-03' },
    { day: '2026-12-08', what: 'Tuesday', next: '2026-12-09', previous: '2026-12-07', twoBack: '2026-12-04' },
    {
      day: '2026-12-09',
      what: 'Wednesday',
      next: '2026-12-10',
      previous: '2026-12-08',
      twoBack: '2026-12-07',
    },
    {
      day: '2026-12-10',
      what: 'Thursday',
      next: '2026-12-11',
      previous: '2026-12-09',
      twoBack: '2026-12-08',
    },
    { day: '2026-12-11', what: 'Friday', next: '2026-12-14', previous: '2026-12-10', twoBack: '2026-12-09' },
    {
      day: '2026-12-12',
      what: 'Saturday',
      next: '2026-12-14',
      previous: '2026-12-11',
      twoBack: '2026-12-10',
    },
    { day: '2026-12-13', what: 'Sunday', next: '2026-12-14', previous: '2026-12-11', twoBack: '2026-12-10' },
  ];
  const holidays: readonly Expected[] = [
    // King's Day on Monday 27 April 2026: the Friday before and the Tuesday after are working days.
    {
      day: '2026-04-27',
      what: 'King’s Day (Monday)',
      next: '2026-04-28',
      previous: '2026-04-24',
      twoBack: '2026-04-23',
    },
    {
      day: '2026-04-25',
      what: 'the Saturday before King’s Day',
      next: '2026-04-28',
      previous: '2026-04-24',
      twoBack: '2026-04-23',
    },
    // King's Day on Saturday 26 April 2025 (the 27th was a Sunday); Monday 28 April is a working day.
    {
      day: '2025-04-26',
      what: 'King’s Day (Saturday)',
      next: '2025-04-28',
      previous: '2025-04-25',
      twoBack: '2025-04-24',
    },
    {
      day: '2025-04-27',
      what: 'Sunday 27 April 2025',
      next: '2025-04-28',
      previous: '2025-04-25',
      twoBack: '2025-04-24',
    },
    // Thursday 31 December 2026 is a working day; Friday 1 January 2027 is New Year's Day, then a weekend.
    {
      day: '2026-12-31',
      what: '31 December (Thursday)',
      next: '2027-01-04',
      previous: '2026-12-30',
      twoBack: '2026-12-29',
    },
    {
      day: '2027-01-01',
      what: 'New Year’s Day (Friday)',
      next: '2027-01-04',
      previous: '2026-12-31',
      twoBack: '2026-12-30',
    },
    {
      day: '2027-01-03',
      what: 'the Sunday after New Year',
      next: '2027-01-04',
      previous: '2026-12-31',
      twoBack: '2026-12-30',
    },
    // Wednesday 31 December 2025, New Year's Day on Thursday, Friday 2 January 2026 a working day.
    {
      day: '2025-12-31',
      what: '31 December (Wednesday)',
      next: '2026-01-02',
      previous: '2025-12-30',
      twoBack: '2025-12-29',
    },
    {
      day: '2026-01-01',
      what: 'New Year’s Day (Thursday)',
      next: '2026-01-02',
      previous: '2025-12-31',
      twoBack: '2025-12-30',
    },
  ];

  it.each([...ordinaryWeek, ...holidays])(
    'from $what $day: 1 on is $next, 1 back is $previous, 2 back is $twoBack, and the count gives each back',
    ({ day, next, previous, twoBack }) => {
      expect([addWorkingDays(day, 1), addWorkingDays(day, -1), addWorkingDays(day, -2)]).toEqual([
        next,
        previous,
        twoBack,
      ]);
      expect([
        workingDaysBetween(day, next),
        workingDaysBetween(day, previous),
        workingDaysBetween(day, twoBack),
      ]).toEqual([1, -1, -2]);
      expect([
        workingDaysLeft(next, day),
        workingDaysLeft(previous, day),
        workingDaysLeft(twoBack, day),
      ]).toEqual([1, -1, -2]);
      expect(addWorkingDays(day, 0)).toBe(day);
      expect(workingDaysLeft(day, day)).toBe(0);
    },
  );

  it('shows the days left of the same deadlines on every day of a week, weekend included', () => {
    // Deadlines on Thu 10, Fri 11, Mon 14 and Tue 15 December 2026, seen from Thursday to Monday.
    const dues = ['2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15'];
    const seenFrom: Record<CalendarDate, number[]> = {
      '2026-12-10': [0, 1, 2, 3], // Thursday
      '2026-12-11': [-1, 0, 1, 2], // Friday
      '2026-12-12': [-2, -1, 1, 2], // Saturday: ahead as on Friday, behind as on Monday
      '2026-12-13': [-2, -1, 1, 2], // Sunday: the same
      '2026-12-14': [-2, -1, 0, 1], // Monday
    };
    for (const [today, expected] of Object.entries(seenFrom))
      expect(
        dues.map((due) => workingDaysLeft(due, today)),
        today,
      ).toEqual(expected);
  });

  it('is late by at least one working day once a day off that was the due day has passed', () => {
    // A collection pause ending on Saturday 12 December 2026, seen on Sunday and on Monday.
    expect(workingDaysLeft('2026-12-12', '2026-12-13')).toBe(-1);
    expect(workingDaysLeft('2026-12-12', '2026-12-14')).toBe(-1);
    // Still to come on the Saturday before a Sunday due day: no working day left, not late.
    expect(workingDaysLeft('2026-12-13', '2026-12-12')).toBe(0);
    // Seen on New Year's Day 2027, the deadline of 31 December is one working day late, as on 4 January.
    expect(workingDaysLeft('2026-12-31', '2027-01-01')).toBe(-1);
    expect(workingDaysLeft('2026-12-31', '2027-01-04')).toBe(-1);
  });

  it('keeps addWorkingDays and the days left exact inverses from every day around the year end and King’s Day', () => {
    const starts = [
      ...Array.from({ length: 45 }, (_, index) => addCalendarDays('2026-12-01', index)),
      ...Array.from({ length: 14 }, (_, index) => addCalendarDays('2025-04-20', index)),
      ...Array.from({ length: 14 }, (_, index) => addCalendarDays('2026-04-20', index)),
    ];
    for (const today of starts) {
      for (let n = -12; n <= 12; n += 1) {
        const due = addWorkingDays(today, n);
        expect(workingDaysLeft(due, today), `${today} ${n}`).toBe(n);
        if (isWorkingDay(due)) expect(addWorkingDays(today, workingDaysBetween(today, due))).toBe(due);
      }
    }
  });
});
