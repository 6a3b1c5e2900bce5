import { defineConfig } from 'vitest/config';

// Consumer contracts run first and alone (see the `test` script): vitest's forked processes
// would each merge into the same pact file and silently drop interactions.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'contracts',
          include: ['contracts/**/*.pact.test.ts'],
          pool: 'threads',
          globalSetup: ['contracts/support/clear-pacts.ts'],
        },
      },
      {
        extends: true,
        // vitest defaults to one worker fewer than the CPUs, which is one on a 2-core machine.
        // Most of these tests wait on sockets and child processes, so two workers overlap well.
        test: { name: 'unit', include: ['test/**/*.test.ts'], maxWorkers: 2 },
      },
    ],
  },
});
