import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.resolve('src/web');

/**
 * The web apps, one page each: the public portal at `/` (src/web/index.html); the staff console will be
 * added as a second input at `/console/` (src/web/console/index.html). Output: dist/web, served by the
 * Fastify server (src/server/web/static.ts). `npm run dev:web` proxies /api to a running server.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.resolve('dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: { portal: path.join(root, 'index.html'), console: path.join(root, 'console/index.html') },
    },
  },
  worker: { format: 'es' },
  server: {
    fs: { allow: [path.resolve('.')] },
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
