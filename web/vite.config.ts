import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Two apps, one build: the console at `/` (web/index.html, Ant Design) and the field app at `/m/`
 * (web/m/index.html, antd-mobile). Each entry pulls only its own chunks plus what both share
 * (React, i18n, the API client), so the field app never downloads Ant Design.
 */
const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '..');

/** In development, /m/<anything> is a route of the field app, as the server does in production. */
function fieldAppFallback(): Plugin {
  return {
    name: 'guanai-field-app-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        const wantsHtml = req.headers.accept?.includes('text/html') ?? false;
        if (wantsHtml && (url === '/m' || (url.startsWith('/m/') && !path.extname(url)))) {
          req.url = '/m/index.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), fieldAppFallback()],
  build: {
    outDir: path.resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        console: path.resolve(webRoot, 'index.html'),
        field: path.resolve(webRoot, 'm/index.html'),
      },
    },
  },
  server: {
    port: 5173,
    // the API server of `npm run dev`; API_PROXY points elsewhere (e.g. http://localhost:3100)
    proxy: { '/api': { target: process.env.API_PROXY ?? 'http://localhost:3000' } },
  },
});
