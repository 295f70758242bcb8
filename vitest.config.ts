// The unit and integration tiers, as two projects: `npm run test:unit` runs the unit tier alone
// (pure and fast: no database, thread, process or large sizes), `npm run test:integration` the
// other, `vitest run` (in `npm test`) both. The end-to-end tests have their own configuration.
import { defineConfig } from 'vitest/config'

const shared = {
  pool: 'forks' as const,
  // a test that asserts nothing fails instead of passing
  expect: { requireAssertions: true },
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
