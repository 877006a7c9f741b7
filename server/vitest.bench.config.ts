import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `pnpm bench`: the benchmarks in bench/, against the same real PostgreSQL set-up as the tests. */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [],
      benchmark: { include: ['bench/**/*.bench.ts'] },
    },
  }),
);
