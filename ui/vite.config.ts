import { defineConfig } from "vitest/config";

// The UI is served from ui/dist by `nev-atlas serve` and loaded by Tauri from its bundled assets.
// Relative asset paths work for both; nothing is fetched from a CDN.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    // Font pieces stay files (loaded by unicode-range when a page needs them), never inlined in CSS.
    assetsInlineLimit: (file: string) => (file.endsWith(".woff2") ? false : undefined),
  },
  server: {
    port: 5173,
    strictPort: true,
    // In development the API is served by `nev-atlas serve --port 7878`.
    proxy: { "/api": "http://127.0.0.1:7878" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
