import { defineConfig } from "vite";

// The graph benchmark's page (bench/graph10k.html), built apart from the app into
// target/graph-bench/dist by `cargo xtask bench --graph`; nothing of it reaches ui/dist.
export default defineConfig({
  root: "bench",
  base: "./",
  clearScreen: false,
  logLevel: "warn",
  build: {
    outDir: "../../target/graph-bench/dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    // As in the app (vite.config.ts): font pieces stay files, which the page's policy allows.
    assetsInlineLimit: (file: string) => (file.endsWith(".woff2") ? false : undefined),
    rollupOptions: { input: "bench/graph10k.html" },
  },
});
