// Runs the `test` script of every workspace package, one package at a time, and keeps going after a
// package fails, so one run shows every failing package instead of only the first. Ends with a summary
// (from pnpm's --report-summary) and exits non-zero when any package failed. `--no-sort`: in dependency
// order pnpm skips the dependents of a failed package (a failing test in shared would hide client and
// server); the tests need only shared's build, which `pnpm test` makes first.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const summaryFile = path.join(root, 'pnpm-exec-summary.json');

rmSync(summaryFile, { force: true });
const run = spawnSync(
  'pnpm',
  ['-r', '--no-bail', '--no-sort', '--report-summary', '--workspace-concurrency=1', 'run', 'test'],
  { cwd: root, stdio: 'inherit' },
);

/** @type {Record<string, { status: string; duration?: number; message?: string }>} */
let statuses = {};
try {
  statuses = JSON.parse(readFileSync(summaryFile, 'utf8')).executionStatus ?? {};
} catch {
  // No summary: pnpm stopped before running the packages; its own error is printed above.
} finally {
  rmSync(summaryFile, { force: true });
}

const rows = Object.entries(statuses).map(([directory, { status, duration, message }]) => ({
  name: path.relative(root, directory) || '.',
  status,
  seconds: duration === undefined ? '' : `${(duration / 1000).toFixed(1)} s`,
  message: message ?? '',
}));
const failed = rows.filter((row) => row.status === 'failure');

console.log('\nTest summary');
for (const row of rows) {
  const mark = row.status === 'failure' ? 'FAILED' : row.status === 'passed' ? 'passed' : row.status;
  console.log(
    `  ${mark.padEnd(8)} ${row.name.padEnd(8)} ${row.seconds.padStart(9)}  ${row.message}`.trimEnd(),
  );
}
if (failed.length > 0) {
  console.log(
    `\n${failed.length} of ${rows.length} packages failed: ${failed.map((row) => row.name).join(', ')}`,
  );
} else if (rows.length === 0) {
  console.log('  no package ran (see the error above)');
}

process.exit(run.status !== 0 || failed.length > 0 || rows.length === 0 ? 1 : 0);
