import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/graphql": { target: "http://127.0.0.1:8360", changeOrigin: false, ws: true },
      "/uploads": { target: "http://127.0.0.1:8360", changeOrigin: false },
      // Support attachments (upload and download), beside the app's own /support pages.
      "/support/attachments": { target: "http://127.0.0.1:8360", changeOrigin: false },
      // The server's CSV downloads, beside the app's own /imports/:id and /segments/:id pages.
      "^/imports/[^/]+/errors$": { target: "http://127.0.0.1:8360", changeOrigin: false },
      "^/segments/[^/]+/export$": { target: "http://127.0.0.1:8360", changeOrigin: false },
    },
  },
  build: { outDir: "dist", sourcemap: true },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
