// End-to-end tests: the built interface in Debian's Chromium against the HTTP server started in
// the test process. Slow, so kept apart from the unit and integration suites.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
