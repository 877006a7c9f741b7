/**
 * Time is an input: every business decision (session expiry, a consent's validity, deadlines, the access
 * rules of a moment, retention) asks a clock for "now" instead of reading the machine's time, so tests can
 * set the moment (any weekday, King's Day, the last second of a consent) without waiting for it.
 * Machinery timing (timeouts, back-off, durations in logs and metrics) keeps the real clock.
 */
export interface Clock {
  now(): Date;
}

/** The machine's time: the clock of a running server. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/**
 * A clock set to a chosen moment, for tests and for running the app at a chosen moment
 * (VANGNET_TEST_NOW in the tests). It stands still until it is set or moved, unless it is made `running`:
 * then it goes on from the chosen moment at the pace of the real time.
 */
export class SettableClock implements Clock {
  private chosen: number;
  private chosenAt: number;

  constructor(
    start: Date | string,
    private readonly running = false,
  ) {
    this.chosen = toInstant(start);
    this.chosenAt = Date.now();
  }

  now(): Date {
    return new Date(this.running ? this.chosen + (Date.now() - this.chosenAt) : this.chosen);
  }

  set(moment: Date | string): void {
    this.chosen = toInstant(moment);
    this.chosenAt = Date.now();
  }

  /** Moves the clock forward (backward when negative) by a number of milliseconds. */
  advance(milliseconds: number): void {
    this.chosen += milliseconds;
  }
}

function toInstant(moment: Date | string): number {
  const time = (typeof moment === 'string' ? new Date(moment) : moment).getTime();
  if (Number.isNaN(time)) throw new RangeError(`Not a moment: ${String(moment)}`);
  return time;
}
