import os from 'node:os';
import { ratioToFloor, type ScaleResult } from './budgets.js';

const ms = (value: number | null) =>
  value === null ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1);
const perSecond = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** One table per scale: what the API does, what the floor does, and the ratio. Times in ms. */
export function printTable(scale: ScaleResult, seconds: number): void {
  const population = scale.population;
  console.log(
    `\n## ${scale.cases.toLocaleString('en')} cases — ${seconds} s per measurement` +
      `${scale.pinned ? ', PostgreSQL on core 0, server and load on core 1' : ', not pinned'}` +
      `\npopulation: ${population.reused ? `reused (laid out ${population.loadedAt}, generator took` : 'generated in'} ` +
      `${population.generateSeconds?.toFixed(1) ?? '?'} s${population.reused ? ')' : ''}; jobs settled in ${population.jobsSeconds.toFixed(1)} s` +
      `; machine load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' / ')} (1/5/15 min)\n`,
  );
  const header = [
    'scenario',
    'conns',
    'req/s',
    'p50',
    'p95',
    'p99',
    'stmts/req',
    'errors',
    'floor req/s',
    'floor p50',
    'ratio',
  ];
  const rows = scale.results.map((result) => {
    const ratio = ratioToFloor(result);
    return [
      result.scenario,
      String(result.connections),
      perSecond(result.api.requestsPerSecond),
      ms(result.api.p50),
      ms(result.api.p95),
      ms(result.api.p99),
      result.api.statementsPerRequest === null ? '—' : result.api.statementsPerRequest.toFixed(1),
      String(result.api.errors),
      result.floor ? perSecond(result.floor.requestsPerSecond) : '—',
      result.floor ? ms(result.floor.p50) : '—',
      ratio === null ? '—' : `${ratio.toFixed(2)}×`,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column < 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((width, column) => (column < 1 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
  for (const mismatch of scale.mismatches) console.log(`\n!!! ROW MISMATCH: ${mismatch}`);
}
