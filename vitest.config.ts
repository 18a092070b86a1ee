import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'console/src/**/*.test.ts'],
    // Removes the temporary directories each test file made with test/helpers/temp-dirs.ts.
    setupFiles: ['test/helpers/remove-temp-dirs.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
