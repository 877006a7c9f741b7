/** Deadlines: the countdown badge and my list of deadlines (on the work list). */
export { CountdownBadge } from './Countdown';
export { DeadlineList } from './DeadlineList';
