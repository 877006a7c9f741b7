import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../../src/core/db/embedded-postgres.js';

/** Whether `taskset` can pin processes to cores here (Linux with util-linux, at least two cores). */
export function canPin(cores: number): boolean {
  return cores >= 2 && spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Pins a process and all its threads to one core. PostgreSQL forks a backend per connection from the
 * postmaster, so pinning the postmaster and its running children pins every backend to come.
 */
export function pin(pid: number, core: number): void {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n');
  for (const target of [String(pid), ...children.filter((line) => line.trim() !== '')]) {
    spawnSync('taskset', ['-a', '-p', '-c', String(core), target], { stdio: 'ignore' });
  }
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * The built server (`node server/dist/main.js`) in production mode on the benchmark's database, as a
 * child process on 127.0.0.1, with the statement count switched on. Its log (JSON lines, one per
 * request at the default level, as in production) goes to a file, not through this process.
 */
export async function startServer(options: {
  readonly repoRoot: string;
  readonly databaseUrl: string;
  readonly bsnKey: Buffer;
  readonly logFile: string;
  readonly core: number | null;
}): Promise<RunningServer> {
  const port = await findFreePort();
  const main = path.join(options.repoRoot, 'server', 'dist', 'main.js');
  const log = openSync(options.logFile, 'w');
  const [command, args] =
    options.core === null
      ? [process.execPath, [main]]
      : ['taskset', ['-c', String(options.core), process.execPath, main]];
  const child: ChildProcess = spawn(command, args, {
    cwd: options.repoRoot,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      VANGNET_BSN_KEY: options.bsnKey.toString('base64'),
      VANGNET_COUNT_STATEMENTS: 'true',
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'info',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}); see ${options.logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 60 s; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
