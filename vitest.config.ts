import { defineConfig } from 'vitest/config';

// Tests import workspace packages through their `source` export condition, so they run
// against src/ (tsc -b, run before vitest by `pnpm test`, type-checks and builds dist/).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    projects: ['packages/*', 'notebooks'],
    pool: 'forks',
  },
});
