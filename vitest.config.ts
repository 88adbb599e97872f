import { defineConfig } from 'vitest/config';

// Tests that drive a real browser or start whole server processes: one file at a time, after the
// rest, so they neither compete with each other for the two cores nor wait on a loaded machine.
const serial = [
  'test/browser/**/*.test.ts',
  'test/server/system/{crash,embedded,compiled,outage}.test.ts',
  'test/server/mqtt/outage.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ['node_modules/**', ...serial] },
      },
      {
        extends: true,
        test: { name: 'serial', include: serial, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
