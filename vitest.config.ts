import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/network-guard.ts'],
    // A throwaway PostgreSQL for the store's contract tests (or TEST_DATABASE_URL).
    globalSetup: ['tests/setup/postgres-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
