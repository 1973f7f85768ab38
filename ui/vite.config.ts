import { defineConfig } from 'vite';

// The build lands where Quarkus serves static files from; Maven runs it (see pom.xml).
export default defineConfig({
  build: {
    outDir: '../target/classes/META-INF/resources',
    emptyOutDir: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
