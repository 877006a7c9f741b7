import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './app-server.js';

/** e2e/artifacts/: screenshots kept for people to look at (ignored by git). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'e2e', 'artifacts');

export function artifactPath(fileName: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, fileName);
}
