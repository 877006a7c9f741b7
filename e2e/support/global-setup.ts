import path from 'node:path';
import { buildApp, RESULTS_DIR, startAppServer } from './app-server.js';

/**
 * Builds the app once and starts it on a fresh database; the returned function is the global teardown.
 * The tests (in the worker processes) find it through E2E_BASE_URL, which the config reads as `baseURL`.
 *
 * - E2E_BASE_URL set beforehand: use that running app; build and start nothing.
 * - E2E_SKIP_BUILD=1: start from the existing `dist/` folders (quicker while writing tests).
 * - E2E_KEEP_DATA=1: keep the temporary data directory after the run.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) {
    console.log(`e2e: using the app already running at ${process.env.E2E_BASE_URL}`);
    return undefined;
  }
  if (!process.env.E2E_SKIP_BUILD) {
    const started = Date.now();
    await buildApp(path.join(RESULTS_DIR, 'build.log'));
    console.log(`e2e: pnpm build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const app = await startAppServer(path.join(RESULTS_DIR, 'server.log'));
  process.env.E2E_BASE_URL = app.baseURL;
  return async () => {
    await app.stop();
    delete process.env.E2E_BASE_URL;
  };
}
