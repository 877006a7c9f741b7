import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const apiTarget = 'http://localhost:4000';
const clientDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * `@vangnet/shared` counts Dutch working days with `date-holidays`, which bundles the holiday rules of
 * every country (≈ 1.5 MB). The client only ever asks for NL, so the same library version is fed the NL
 * rules alone: the parser and the rules are the server's, only the other countries are left out.
 */
function dutchHolidaysOnly(): Plugin {
  const fromShared = createRequire(path.join(clientDir, '../shared/package.json'));
  const libraryDir = path.dirname(fromShared.resolve('date-holidays/package.json'));
  const fromLibrary = createRequire(path.join(libraryDir, 'package.json'));
  const parserDir = path.dirname(fromLibrary.resolve('date-holidays-parser/package.json'));
  const parserEntry = path.join(parserDir, 'src/index.js');
  const virtualId = '\0vangnet:date-holidays-nl';
  return {
    name: 'vangnet:date-holidays-nl',
    enforce: 'pre',
    resolveId(source) {
      return source === 'date-holidays' ? virtualId : null;
    },
    async load(id) {
      if (id !== virtualId) return null;
      const { data } = (await import(pathToFileURL(path.join(libraryDir, 'src/data.js')).href)) as {
        data: { holidays: Record<string, unknown> };
      };
      const dutch = { ...data, holidays: { NL: data.holidays.NL } };
      return [
        `import HolidaysParser from ${JSON.stringify(parserEntry)};`,
        `const data = ${JSON.stringify(dutch)};`,
        'export default class Holidays extends HolidaysParser {',
        '  constructor(country, state, region, opts) { super(data, country, state, region, opts); }',
        '}',
      ].join('\n');
    },
  };
}

/**
 * The modules of `@vangnet/shared` only declare things (enums, rules, formatters, the holiday
 * calendar): importing one has no side effect. Saying so lets the bundler leave out what the client
 * does not use, and load the working-day calendar (with its holiday rules) only where it is needed.
 */
function sharedWithoutSideEffects(): Plugin {
  const sharedDist = path.join(path.resolve(clientDir, '../shared'), 'dist') + path.sep;
  return {
    name: 'vangnet:shared-side-effect-free',
    transform(code, id) {
      return id.startsWith(sharedDist) ? { code, map: null, moduleSideEffects: false } : null;
    },
  };
}

export default defineConfig({
  plugins: [dutchHolidaysOnly(), sharedWithoutSideEffects(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: false, ws: true },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
});
