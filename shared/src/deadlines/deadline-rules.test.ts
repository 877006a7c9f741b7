import { describe, expect, it } from 'vitest';
import {
  accessDecisionDueBy,
  collectionPauseEndsOn,
  consentLastValidOn,
  CONSENT_EXPIRY_WARN_WORKING_DAYS,
  deadlineState,
  evictionOn,
  EVICTION_WARN_WORKING_DAYS,
  firstContactDueBy,
  firstConversationDueBy,
  PAUSE_END_WARN_WORKING_DAYS,
  referralRespondBy,
  workingDaysLeft,
} from './deadline-rules.js';

describe('respond to a referral (5 working days, per agreement)', () => {
  it('is due on Friday 10 April 2026 for a referral sent on the Thursday before Easter', () => {
    // Sent Thursday 2 April 2026, 15:00 in Amsterdam. The day it is sent does not count.
    //   Fri 3 April  Good Friday — a working day (see working-days.ts)   1
    //   Sat 4, Sun 5 (Easter), Mon 6 April (Easter Monday)               —
    //   Tue 7, Wed 8, Thu 9, Fri 10 April                                 2, 3, 4, 5
    expect(referralRespondBy(new Date('2026-04-02T13:00:00Z'))).toBe('2026-04-10');
    // Sent at 00:30 on 2 April in Amsterdam (22:30 UTC on 1 April): still sent on the 2nd.
    expect(referralRespondBy(new Date('2026-04-01T22:30:00Z'))).toBe('2026-04-10');
  });

  it('follows the agreement’s own number of working days', () => {
    // Tue 7 April + 10 working days, with King's Day (Mon 27 April) not in range: Tue 21 April.
    expect(referralRespondBy('2026-04-07', { referralRespondWithinWorkingDays: 10 })).toBe('2026-04-21');
    // Across King's Day: Fri 24 April + 2 = Tue 28 (1, Mon 27 is King's Day), Wed 29 (2).
    expect(referralRespondBy('2026-04-24', { referralRespondWithinWorkingDays: 2 })).toBe('2026-04-29');
    expect(() => referralRespondBy('2026-04-07', { referralRespondWithinWorkingDays: 0 })).toThrow(
      RangeError,
    );
  });

  it('runs across Christmas into the new year', () => {
    // Tue 23 Dec 2025: 24th (1), 29th (2), 30th (3), 31st (4), 2 January 2026 (5).
    expect(referralRespondBy('2025-12-23')).toBe('2026-01-02');
  });
});

describe('first contact attempt after a signal (14 calendar days, per municipality)', () => {
  it('is 14 calendar days after the signal date', () => {
    expect(firstContactDueBy('2026-03-02')).toBe('2026-03-16');
  });

  it('moves to the next working day when the last day is a weekend or holiday', () => {
    // Fri 6 March + 15 days = Saturday 21 March → Monday 23 March.
    expect(firstContactDueBy('2026-03-06', { firstContactCalendarDays: 15 })).toBe('2026-03-23');
    // Thu 18 December 2025 + 14 = New Year's Day 2026 → Friday 2 January.
    expect(firstContactDueBy('2025-12-18')).toBe('2026-01-02');
  });
});

describe('first conversation after a help request (Wgs art. 4)', () => {
  it('is 3 working days in a crisis, skipping Ascension Day', () => {
    // Tue 12 May 2026: Wed 13 (1), Thu 14 Ascension Day, Fri 15 (2), Mon 18 (3).
    expect(firstConversationDueBy('2026-05-12', true)).toBe('2026-05-18');
  });

  it('is 4 weeks otherwise', () => {
    expect(firstConversationDueBy('2026-05-12', false)).toBe('2026-06-09');
    // Reads a timestamp as its Amsterdam date: 23:30 on 11 May in UTC is 12 May in Amsterdam.
    expect(firstConversationDueBy(new Date('2026-05-11T23:30:00Z'), false)).toBe('2026-06-09');
  });
});

describe('access decision after the first conversation (8 weeks, per municipality)', () => {
  it('is 8 weeks, moved past King’s Day when it lands on it', () => {
    // Mon 2 March 2026 + 8 weeks = Mon 27 April, King's Day → Tue 28 April.
    expect(accessDecisionDueBy('2026-03-02')).toBe('2026-04-28');
    expect(accessDecisionDueBy('2026-03-02', { accessDecisionWeeks: 6 })).toBe('2026-04-13');
  });

  it('moves past Whit Monday', () => {
    // Mon 30 March + 8 weeks = Whit Monday 25 May 2026 → Tue 26 May.
    expect(accessDecisionDueBy('2026-03-30')).toBe('2026-05-26');
  });
});

describe('dates the clocks warn about', () => {
  it('warns 10 working days before a collection pause ends', () => {
    expect(collectionPauseEndsOn('2026-05-29')).toBe('2026-05-29');
    // Counting back from Fri 29 May 2026: 28, 27, 26, (Whit Monday), 22, 21, 20, 19, 18, 15, (Ascension), 13.
    expect(deadlineState('2026-05-29', '2026-05-13', PAUSE_END_WARN_WORKING_DAYS)).toBe('DUE_SOON');
    expect(deadlineState('2026-05-29', '2026-05-12', PAUSE_END_WARN_WORKING_DAYS)).toBe('UPCOMING');
  });

  it('warns 20 working days before a consent expires, counting its last valid day', () => {
    // Valid until midnight at the start of 1 May (Amsterdam): the last valid day is 30 April.
    const lastDay = consentLastValidOn(new Date('2026-04-30T22:00:00Z'));
    expect(lastDay).toBe('2026-04-30');
    expect(consentLastValidOn(new Date('2026-05-01T12:00:00Z'))).toBe('2026-05-01');
    // The working days after Tue 31 March up to Thu 30 April 2026: 1–3 April (Good Friday counts), 7–10,
    // 13–17, 20–24 and 28–30 April (Easter Monday and King's Day do not): 3 + 4 + 5 + 5 + 3 = 20.
    expect(deadlineState(lastDay, '2026-03-31', CONSENT_EXPIRY_WARN_WORKING_DAYS)).toBe('DUE_SOON');
    expect(deadlineState(lastDay, '2026-03-30', CONSENT_EXPIRY_WARN_WORKING_DAYS)).toBe('UPCOMING');
  });

  it('alerts from 15 working days before an eviction', () => {
    expect(evictionOn('2026-06-19')).toBe('2026-06-19');
    // Fri 19 June 2026 − 15 working days = Fri 29 May (no holidays in between).
    expect(deadlineState('2026-06-19', '2026-05-29', EVICTION_WARN_WORKING_DAYS)).toBe('DUE_SOON');
    expect(deadlineState('2026-06-19', '2026-05-28', EVICTION_WARN_WORKING_DAYS)).toBe('UPCOMING');
  });
});

describe('the state of a deadline', () => {
  it('is due soon up to and including the due day, overdue the day after', () => {
    expect(deadlineState('2026-04-10', '2026-04-10', 0)).toBe('DUE_SOON');
    expect(deadlineState('2026-04-10', '2026-04-11', 10)).toBe('OVERDUE');
    expect(deadlineState('2026-04-10', '2026-04-02', 4)).toBe('UPCOMING');
    expect(deadlineState('2026-04-10', '2026-04-02', 5)).toBe('DUE_SOON');
  });

  it('counts the working days left, negative once overdue — even on the weekend right after', () => {
    expect(workingDaysLeft('2026-04-10', '2026-04-08')).toBe(2);
    expect(workingDaysLeft('2026-04-10', '2026-04-10')).toBe(0);
    expect(workingDaysLeft('2026-04-10', '2026-04-11')).toBe(-1); // Saturday
    expect(workingDaysLeft('2026-04-10', '2026-04-13')).toBe(-1); // Monday
    expect(workingDaysLeft('2026-04-10', '2026-04-14')).toBe(-2);
  });
});
