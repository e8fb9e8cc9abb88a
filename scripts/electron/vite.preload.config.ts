// Bundles preload.ts (with bridge.ts, channels.ts, shared/api.ts and zod) into ONE CommonJS file,
// dist/preload/preload.cjs: a sandboxed preload gets a limited `require` for `electron` and nothing
// else, so it can neither import ES modules nor load files of its own.
import { join } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: join(import.meta.dirname, '../../main/hosts/electron'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: '../../../dist/preload',
    emptyOutDir: true,
    target: 'chrome140', // Electron 45's Chromium
    minify: false, // readable in a security review; its size does not matter
    sourcemap: false,
    lib: {
      entry: 'preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
