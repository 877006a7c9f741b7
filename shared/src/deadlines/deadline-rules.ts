import {
  addCalendarDays,
  compareCalendarDates,
  toCalendarDate,
  type CalendarDate,
} from './calendar-dates.js';
import { addWorkingDays, nextWorkingDayOnOrAfter, workingDaysBetween } from './working-days.js';

/**
 * The clocks of docs/product.md §2 ("Deadlines (termijnen)"), one function per clock: each takes the moment the
 * clock starts (a timestamp is read as its date in Europe/Amsterdam) and its setting, and returns the
 * due date — the last day on which the work is on time.
 *
 * A clock counted in calendar days or weeks that would end on a weekend or a public holiday ends on the
 * next working day instead, the way the Algemene termijnenwet extends statutory terms: nobody is late
 * for not working on a Sunday. Clocks counted in working days always end on a working day.
 */

export const DEADLINE_STATES = ['OVERDUE', 'DUE_SOON', 'UPCOMING'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Respond to a referral: convenant practice, configurable per agreement. */
export const DEFAULT_REFERRAL_RESPOND_WITHIN_WORKING_DAYS = 5;
/** First conversation after a help request when the crisis flag is set (Wgs art. 4). */
export const CRISIS_FIRST_CONVERSATION_WORKING_DAYS = 3;
/** First conversation after a help request otherwise (Wgs art. 4). */
export const FIRST_CONVERSATION_WEEKS = 4;
/** Warn this many working days before a collection pause ends (NVVK pauzeknop). */
export const PAUSE_END_WARN_WORKING_DAYS = 10;
/** Warn this many working days before a consent expires. */
export const CONSENT_EXPIRY_WARN_WORKING_DAYS = 20;
/** Alert every participant from this many working days before an eviction date. */
export const EVICTION_WARN_WORKING_DAYS = 15;

export interface AgreementClockSettings {
  /** `data_sharing_agreement.referral_respond_within_working_days`. */
  readonly referralRespondWithinWorkingDays: number;
}

export interface MunicipalityClockSettings {
  /** `municipality_setting.first_contact_calendar_days`. */
  readonly firstContactCalendarDays: number;
  /** `municipality_setting.access_decision_weeks`. */
  readonly accessDecisionWeeks: number;
}

export const DEFAULT_AGREEMENT_CLOCKS: AgreementClockSettings = Object.freeze({
  referralRespondWithinWorkingDays: DEFAULT_REFERRAL_RESPOND_WITHIN_WORKING_DAYS,
});

/** Used for a municipality without a `municipality_setting` row. */
export const DEFAULT_MUNICIPALITY_CLOCKS: MunicipalityClockSettings = Object.freeze({
  firstContactCalendarDays: 14,
  accessDecisionWeeks: 8,
});

function positive(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a whole number ≥ 1`);
  return value;
}

/** Respond to a referral: n working days after the day it was sent (default 5). */
export function referralRespondBy(
  sentAt: Date | CalendarDate,
  agreement: AgreementClockSettings = DEFAULT_AGREEMENT_CLOCKS,
): CalendarDate {
  return addWorkingDays(
    sentAt,
    positive(agreement.referralRespondWithinWorkingDays, 'referralRespondWithinWorkingDays'),
  );
}

/** First contact attempt after a signal: n calendar days after the signal date (default 14). */
export function firstContactDueBy(
  signalDate: Date | CalendarDate,
  settings: Pick<MunicipalityClockSettings, 'firstContactCalendarDays'> = DEFAULT_MUNICIPALITY_CLOCKS,
): CalendarDate {
  return nextWorkingDayOnOrAfter(
    addCalendarDays(signalDate, positive(settings.firstContactCalendarDays, 'firstContactCalendarDays')),
  );
}

/**
 * First conversation after a help request (Wgs art. 4): within 3 working days when the crisis flag is
 * set (threatened eviction, energy or water cut-off, cancelled health insurance), else within 4 weeks.
 */
export function firstConversationDueBy(helpRequestedAt: Date | CalendarDate, crisis: boolean): CalendarDate {
  return crisis
    ? addWorkingDays(helpRequestedAt, CRISIS_FIRST_CONVERSATION_WORKING_DAYS)
    : nextWorkingDayOnOrAfter(addCalendarDays(helpRequestedAt, FIRST_CONVERSATION_WEEKS * 7));
}

/** The access decision after the first conversation: n weeks (default 8). */
export function accessDecisionDueBy(
  firstConversationAt: Date | CalendarDate,
  settings: Pick<MunicipalityClockSettings, 'accessDecisionWeeks'> = DEFAULT_MUNICIPALITY_CLOCKS,
): CalendarDate {
  return nextWorkingDayOnOrAfter(
    addCalendarDays(firstConversationAt, positive(settings.accessDecisionWeeks, 'accessDecisionWeeks') * 7),
  );
}

/** A collection pause runs until its end date (inclusive); warn PAUSE_END_WARN_WORKING_DAYS before. */
export function collectionPauseEndsOn(endsOn: CalendarDate): CalendarDate {
  return toCalendarDate(endsOn);
}

/**
 * A consent is active while now < valid until, so its last day is the date of the moment just before
 * `validUntil` (a consent valid until midnight of 1 May is last valid on 30 April). Warn
 * CONSENT_EXPIRY_WARN_WORKING_DAYS before.
 */
export function consentLastValidOn(validUntil: Date): CalendarDate {
  return toCalendarDate(new Date(validUntil.getTime() - 1));
}

/** The eviction date itself; alert every participant EVICTION_WARN_WORKING_DAYS before. */
export function evictionOn(evictionDate: CalendarDate): CalendarDate {
  return toCalendarDate(evictionDate);
}

/**
 * OVERDUE once the due date has passed; DUE_SOON from `warnFromWorkingDays` working days before it up
 * to and including the due date itself; UPCOMING before that.
 */
export function deadlineState(
  due: CalendarDate,
  today: CalendarDate | Date,
  warnFromWorkingDays: number,
): DeadlineState {
  if (compareCalendarDates(today, due) > 0) return 'OVERDUE';
  return workingDaysBetween(today, due) <= warnFromWorkingDays ? 'DUE_SOON' : 'UPCOMING';
}

/**
 * Working days left until the due date, negative when it has passed (docs/workflow.md, "Counting working
 * days"): ahead, the working days after today up to and including the due day; once passed, the working
 * days after the due day up to and including the first working day from today on. So on a Saturday a
 * deadline of Monday has 1 working day left (as on Friday), and a deadline of Friday is 1 working day late
 * (as on Monday) — never 0 once the due day has passed. The exact inverse of `addWorkingDays`:
 * `workingDaysLeft(addWorkingDays(today, n), today) === n` whatever day today is.
 */
export function workingDaysLeft(due: CalendarDate, today: CalendarDate | Date): number {
  return workingDaysBetween(today, due);
}
