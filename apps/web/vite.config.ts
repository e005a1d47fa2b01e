import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { routeSizes } from './routeSizes.ts';

// The API's default address (apps/api, PORT 8470); `vite` dev serves the app and forwards to it.
const API_ORIGIN = 'http://127.0.0.1:8470';

export default defineConfig({
  plugins: [react(), routeSizes()],
  // Relative asset URLs: the API writes <base href="<basePath>/"> into index.html, so one build
  // serves under any prefix (PROMWALL_BASE_PATH) without a rebuild.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': API_ORIGIN,
      '/healthz': API_ORIGIN,
    },
  },
});
