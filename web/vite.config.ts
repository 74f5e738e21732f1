// Build and dev server for the web shell. `npm run build:web` writes web/dist, which the server serves at `/`,
// with a brotli and a gzip copy of each text file (precompress.ts).
// In development (`npx vite --config web/vite.config.ts`) API calls are proxied to a running server,
// by default http://127.0.0.1:3000 (set PALERMO_API_URL to change it).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': process.env.PALERMO_API_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
