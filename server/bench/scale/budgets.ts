import type { Measurement } from './load.js';
import type { PopulationInfo } from './population.js';

/**
 * The budgets of issue 12 ("Scale: a region's cases at the speed of hand-written SQL"), checked by
 * `pnpm bench --check`. Each failure is one line saying which budget, where, and by how much.
 */
export interface ScenarioResult {
  readonly scenario: string;
  readonly connections: number;
  readonly api: Measurement;
  readonly floor: Measurement | null;
}

export interface ScaleResult {
  readonly cases: number;
  readonly population: PopulationInfo;
  readonly pinned: boolean;
  readonly results: readonly ScenarioResult[];
  /** Scenarios whose floor did not return the API's rows. */
  readonly mismatches: readonly string[];
}

/** Throughput against the floor's: at least this fraction, by connection count. */
const FLOOR_RATIO = { 1: 0.5, 20: 0.8 } as Readonly<Record<number, number>>;
const FLOOR_RATIO_SCENARIOS = ['worklist', 'casePage'];
const MAX_STATEMENTS: Readonly<Record<string, number>> = { worklist: 3, casePage: 6 };
const MIN_ADD_NOTE_PER_SECOND = 100;
/** p50 at 1,000,000 cases at most this multiple of p50 at 100,000: cost follows the page. */
const MAX_P50_GROWTH = 1.3;

export function ratioToFloor(result: ScenarioResult): number | null {
  return result.floor && result.floor.requestsPerSecond > 0
    ? result.api.requestsPerSecond / result.floor.requestsPerSecond
    : null;
}

export function checkBudgets(scales: readonly ScaleResult[]): string[] {
  const failures: string[] = [];
  for (const scale of scales) {
    const at = `${scale.cases.toLocaleString('en')} cases`;
    for (const mismatch of scale.mismatches) failures.push(`${at}: floor and API disagree: ${mismatch}`);
    for (const result of scale.results) {
      const where = `${result.scenario} at ${result.connections} connection(s), ${at}`;
      if (result.api.errors > 0)
        failures.push(`${where}: ${result.api.errors} failed requests (first: ${result.api.firstError})`);
      const minimum = FLOOR_RATIO[result.connections];
      const ratio = ratioToFloor(result);
      if (
        FLOOR_RATIO_SCENARIOS.includes(result.scenario) &&
        minimum !== undefined &&
        ratio !== null &&
        ratio < minimum
      )
        failures.push(`${where}: ${ratio.toFixed(2)}× the floor's throughput, budget ≥ ${minimum}×`);
      const maxStatements = MAX_STATEMENTS[result.scenario];
      const statements = result.api.statementsPerRequest;
      if (maxStatements !== undefined && (statements === null || statements > maxStatements))
        failures.push(
          `${where}: ${statements === null ? 'no statement count (is the server counting?)' : statements.toFixed(1)} SQL statements per request, budget ≤ ${maxStatements}`,
        );
      if (
        result.scenario === 'addCaseNote' &&
        result.connections === 1 &&
        result.api.requestsPerSecond < MIN_ADD_NOTE_PER_SECOND
      )
        failures.push(
          `${where}: ${result.api.requestsPerSecond.toFixed(1)} req/s, budget ≥ ${MIN_ADD_NOTE_PER_SECOND}`,
        );
    }
  }
  const small = scales.find((scale) => scale.cases === 100_000);
  const large = scales.find((scale) => scale.cases === 1_000_000);
  if (small && large) {
    for (const result of large.results) {
      const before = small.results.find(
        (other) => other.scenario === result.scenario && other.connections === result.connections,
      );
      if (!before?.api.p50 || !result.api.p50) continue;
      const growth = result.api.p50 / before.api.p50;
      if (growth > MAX_P50_GROWTH)
        failures.push(
          `${result.scenario} at ${result.connections} connection(s): p50 ${result.api.p50.toFixed(1)} ms at 1,000,000 cases is ${growth.toFixed(2)}× the ${before.api.p50.toFixed(1)} ms at 100,000, budget ≤ ${MAX_P50_GROWTH}×`,
        );
    }
  }
  return failures;
}
