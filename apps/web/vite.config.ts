// Builds the dashboard to dist/ (served by `adsplice start` at /). No plugin needed: esbuild
// compiles TSX with React's automatic runtime.
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, target: 'es2022' },
  logLevel: 'warn',
});
