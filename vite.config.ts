import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    // Server, store and collaboration tests run against real SQLite files and real sockets; the
    // browser tests start their own server and Chromium. All of them run in Node.
    environment: 'node',
    include: ['test/**/*.test.ts', 'server/**/*.test.ts', 'shared/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    env: { NODE_ENV: 'test' },
  },
});
