import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web client (DESIGN.md “Web”): one build, one entry per audience so the citizen portal stays
 * light. The server renders every page (react-dom/server) and reads dist/web/.vite/manifest.json to
 * link the hashed assets; these entries only hydrate the interactive islands.
 */
export default defineConfig({
  plugins: [react()],
  base: "/",
  publicDir: false,
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    manifest: true,
    modulePreload: { polyfill: false },
    target: "es2022",
    rollupOptions: {
      input: {
        styles: "src/web/styles.css",
        portal: "src/web/portal/entry.tsx",
        workbench: "src/web/workbench/entry.tsx",
        admin: "src/web/admin/entry.tsx",
      },
    },
  },
});
