/**
 * The Dutch working-day calendar of `@vangnet/shared` (weekends and public holidays), loaded on demand:
 * it brings the holiday rules with it, which the first page does not need.
 */
export { workingDaysLeft } from '@vangnet/shared';
