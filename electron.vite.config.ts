import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { resolve } from 'node:path';
import { readPublisherApp } from './electron/main/qbo/publisher';

// The publisher's Intuit app for packaged builds, from the build's environment (never the
// repository); checked here so a build with a client id but no https relay page or broker fails.
const publisherEnv = {
  QBO_PUBLISHER_CLIENT_ID: process.env['QBO_PUBLISHER_CLIENT_ID'],
  QBO_PUBLISHER_RELAY_URL: process.env['QBO_PUBLISHER_RELAY_URL'],
  QBO_PUBLISHER_TOKEN_URL: process.env['QBO_PUBLISHER_TOKEN_URL'],
};
readPublisherApp(publisherEnv);

// Main (ESM), preload (CommonJS: sandboxed preloads cannot be ES modules) and renderer from one config.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    define: { __QBO_PUBLISHER__: JSON.stringify(publisherEnv) },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
