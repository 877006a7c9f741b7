// The first-load budget of the client (issue 12, "Client delivery"): what a browser downloads, as the
// server sends it (brotli), on a cold load of a case page — index.html's script and stylesheet with
// every chunk they import, the active language's strings, and the case page's chunk with its static
// imports and stylesheets. Chunks the case page imports on demand (the holiday calendar, dialogs) are
// not first load.
//   node scripts/bundle-budget.mjs [distDir]   prints the files and fails when the sum is over budget
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** 250 KB (250,000 bytes) of JS and CSS, as sent (brotli), for the case page's first load. */
export const FIRST_LOAD_BUDGET_BYTES = 250_000;

/**
 * What a cold load of /dossiers/:id fetches, as entries of Vite's manifest: the app itself (with the
 * Dutch strings, the default language) and the case page, which the app starts loading at once.
 */
export const CASE_PAGE_FIRST_LOAD = ['index.html', 'src/features/cases/CasePage.tsx'];

/**
 * The files a set of manifest entries loads before it runs: each entry's own file and stylesheets and,
 * transitively, those of its static imports (dynamic imports load later, on demand).
 * @param {Record<string, { file: string; css?: string[]; imports?: string[] }>} manifest
 * @param {readonly string[]} entries
 * @returns {string[]} paths relative to the dist directory
 */
export function filesLoadedBy(manifest, entries) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk)
      throw new Error(`${key} is not in the build's manifest: is CASE_PAGE_FIRST_LOAD still right?`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const entry of entries) visit(entry);
  return [...files].sort();
}

/**
 * The bytes a browser receives for a file: its brotli copy, or the file itself when the build left it
 * uncompressed (files under 1 KB, where the encoding does not pay; the server then sends them as they are).
 */
export function sentBytes(distDir, file) {
  const brotli = path.join(distDir, `${file}.br`);
  return statSync(existsSync(brotli) ? brotli : path.join(distDir, file)).size;
}

/** The first load of the case page from a build: each file with the bytes sent, and their sum. */
export function caseFirstLoad(distDir) {
  const manifestFile = path.join(distDir, '.vite/manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(
      `${manifestFile} is missing: build the client first (pnpm --filter @vangnet/client build)`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const files = filesLoadedBy(manifest, CASE_PAGE_FIRST_LOAD).map((file) => ({
    file,
    bytes: sentBytes(distDir, file),
  }));
  return { files, totalBytes: files.reduce((sum, { bytes }) => sum + bytes, 0) };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(process.argv[2] ?? path.join(CLIENT_DIR, 'dist'));
  const { files, totalBytes } = caseFirstLoad(distDir);
  for (const { file, bytes } of [...files].sort((a, b) => b.bytes - a.bytes)) {
    console.log(`${kb(bytes).padStart(10)}  ${file}`);
  }
  const verdict = totalBytes <= FIRST_LOAD_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `${kb(totalBytes).padStart(10)}  first load of a case page, brotli (${verdict} ${kb(FIRST_LOAD_BUDGET_BYTES)})`,
  );
  if (totalBytes > FIRST_LOAD_BUDGET_BYTES) process.exitCode = 1;
}
