import { defineConfig } from 'vitest/config';

/**
 * unit: pure modules and in-process fakes (fast, no external programs).
 * integration: real peers on loopback (ipmi_sim, ipmitool, FreeIPMI, the responder).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/support/**/*.test.ts', 'test/fakes/**/*.test.ts', 'test/contract/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**', 'test/support/**', 'test/fakes/**', 'test/contract/**', 'test/qemu/**', 'node_modules/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Simulators and reference clients are real processes: keep the load bounded.
          maxWorkers: 2,
          env: { TZ: 'UTC', LC_ALL: 'C' },
        },
      },
      {
        test: {
          // -I open in a QEMU guest (test/qemu/README.md): a few minutes, one guest at a time.
          name: 'qemu',
          sequence: { groupOrder: 2 },
          include: ['test/qemu/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
          maxWorkers: 1,
          env: { TZ: 'UTC', LC_ALL: 'C' },
        },
      },
    ],
  },
});
