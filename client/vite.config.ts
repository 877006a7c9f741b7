import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

import { graphqlDocumentsInline } from './scripts/graphql-documents.ts';

const apiTarget = 'http://localhost:4000';
const clientDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * `@vangnet/shared` counts Dutch working days with `date-holidays`, which bundles the holiday rules of
 * every country (≈ 1.5 MB) and, through its parser, every time zone of `moment-timezone` (≈ 0.9 MB).
 * The client only ever asks for NL, so the same library versions are fed the NL rules and the NL time
 * zones alone: the parser, the rules and the zone data are the server's, only the rest is left out.
 */
const DUTCH_TIME_ZONES = ['Europe/Amsterdam'];

function dutchHolidaysOnly(): Plugin {
  const fromShared = createRequire(path.join(clientDir, '../shared/package.json'));
  const libraryDir = path.dirname(fromShared.resolve('date-holidays/package.json'));
  const fromLibrary = createRequire(path.join(libraryDir, 'package.json'));
  const parserDir = path.dirname(fromLibrary.resolve('date-holidays-parser/package.json'));
  const parserEntry = path.join(parserDir, 'src/index.js');
  const virtualId = '\0vangnet:date-holidays-nl';
  const zonesPrefix = '\0vangnet:moment-timezone-nl:';
  return {
    name: 'vangnet:date-holidays-nl',
    enforce: 'pre',
    // Only the production bundle: the dev server pre-bundles the whole library (size does not matter
    // there, and its CommonJS dependencies need the pre-bundling).
    apply: 'build',
    resolveId(source, importer) {
      if (source === 'date-holidays') return virtualId;
      // The parser and its date library (caldate) each import it; every copy gets the Dutch zones only.
      if (source === 'moment-timezone' && importer) {
        const fromImporter = createRequire(importer);
        return zonesPrefix + path.dirname(fromImporter.resolve('moment-timezone/package.json'));
      }
      return null;
    },
    async load(id) {
      if (id.startsWith(zonesPrefix)) {
        const momentTimezoneDir = id.slice(zonesPrefix.length);
        const packed = createRequire(path.join(momentTimezoneDir, 'package.json'))(
          './data/packed/latest.json',
        ) as { version: string; zones: string[]; links: string[] };
        // Europe/Amsterdam is a link (to Europe/Brussels) in recent zone data: keep both ends.
        const links = packed.links.filter((entry) =>
          entry.split('|').some((name) => DUTCH_TIME_ZONES.includes(name)),
        );
        const needed = new Set([...DUTCH_TIME_ZONES, ...links.flatMap((entry) => entry.split('|'))]);
        const dutchZones = {
          version: packed.version,
          zones: packed.zones.filter((entry) => needed.has(entry.slice(0, entry.indexOf('|')))),
          links,
        };
        return [
          `import moment from ${JSON.stringify(path.join(momentTimezoneDir, 'moment-timezone.js'))};`,
          `moment.tz.load(${JSON.stringify(dutchZones)});`,
          'export default moment;',
        ].join('\n');
      }
      if (id !== virtualId) return null;
      const { data } = (await import(pathToFileURL(path.join(libraryDir, 'src/data.js')).href)) as {
        data: { holidays: Record<string, { zones?: string[] }> };
      };
      const dutch = { ...data, holidays: { NL: data.holidays.NL } };
      const zonesOfRules = data.holidays.NL?.zones ?? [];
      if (zonesOfRules.some((zone) => !DUTCH_TIME_ZONES.includes(zone)))
        throw new Error(
          `date-holidays NL uses time zones beyond ${DUTCH_TIME_ZONES.join(', ')}: ${zonesOfRules.join(', ')}`,
        );
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

/**
 * A feature's modules only declare components, hooks and GraphQL documents (stylesheets, which do have
 * an effect, are .css and not covered). Saying so lets the bundler leave out what a page does not use of
 * another feature's index.ts: the case page imports `../consents` for its panel and dialog, and does not
 * load the consent register's table that the same index exports for the privacy officer's page.
 */
function featuresWithoutSideEffects(): Plugin {
  const featuresDir = path.join(clientDir, 'src/features') + path.sep;
  return {
    name: 'vangnet:features-side-effect-free',
    transform(code, id) {
      return id.startsWith(featuresDir) && /\.tsx?$/.test(id)
        ? { code, map: null, moduleSideEffects: false }
        : null;
    },
  };
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, compressed once
 * at the highest level, so the server sends them as they are (server/src/core/http/client-assets.ts)
 * instead of compressing each response. Tiny files are left alone: the encoding would not pay.
 */
function precompressed(): Plugin {
  const compressBrotli = promisify(brotliCompress);
  const compressGzip = promisify(gzip);
  const textFile = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
  let outDir = 'dist';
  return {
    name: 'vangnet:precompressed',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.values(bundle).filter((file) => textFile.test(file.fileName));
      await Promise.all(
        files.map(async (file) => {
          const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          if (content.length < 1024) return;
          const target = path.join(outDir, file.fileName);
          const [brotli, gzipped] = await Promise.all([
            compressBrotli(content, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            compressGzip(content, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${target}.br`, brotli), writeFile(`${target}.gz`, gzipped)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [
    graphqlDocumentsInline(path.join(clientDir, 'src')),
    dutchHolidaysOnly(),
    sharedWithoutSideEffects(),
    featuresWithoutSideEffects(),
    react(),
    precompressed(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which files each entry loads, for the first-load budget
    // (scripts/bundle-budget.mjs). The server does not serve it (express.static ignores dot folders).
    manifest: true,
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
    // Forms are filled in key by key (user-event), as people do; on a busy 2-core machine one such test
    // can take longer than Vitest's default 5 s without anything being wrong.
    testTimeout: 20_000,
  },
});
