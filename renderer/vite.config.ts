// Builds the renderer into dist/renderer. `base: './'` keeps asset URLs relative so the same build
// loads from `serve` (http) and from a file inside the Electron app.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // The CSP forbids inline scripts: never inline the entry or a worker as a data: URL.
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
