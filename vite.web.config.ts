import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The same renderer as a plain web app (file input and downloads instead of native dialogs): `npm run web`.
// End-to-end tests drive this build in Chromium.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  // Module workers can split: pdf.js and mammoth load only when a file of theirs is imported.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5317, strictPort: false },
  preview: { host: '127.0.0.1', port: 5318 },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
  },
});
