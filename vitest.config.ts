import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { ...shared, electron: resolve(__dirname, 'test/mocks/electron.ts') } },
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [vue()],
        resolve: {
          alias: { ...shared, '@renderer': resolve(__dirname, 'src/renderer/src') },
        },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: shared },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The built app in the real Electron binary: `npm run test:electron` only, never `npm test`.
        resolve: { alias: shared },
        test: {
          name: 'electron',
          environment: 'node',
          include: ['test/electron/**/*.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
