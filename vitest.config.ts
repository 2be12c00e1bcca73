// Unit and integration tests run in Node against the real DuckDB-WASM engine; e2e runs separately in Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/regression/**/*.test.ts'],
    // One engine per file is ~1.5 s to start and ~1 s to generate data; files run in parallel on 2 cores.
    // These deadlines catch hangs, not slowness: the slowest test took ~35 s and the slowest set-up ~10 s with both
    // cores busy (stress-ng --cpu 2 beside the suite), so ten minutes leaves room for a far slower machine.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
