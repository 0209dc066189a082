import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Where `vite build` writes the client (see vite.config.ts). */
export const WEB_DIST = path.resolve(import.meta.dirname, "../../../../dist/web");

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

export type WebEntry = "portal" | "workbench" | "admin";
const ENTRY_SOURCES: Record<WebEntry | "styles", string> = {
  styles: "src/web/styles.css",
  portal: "src/web/portal/entry.tsx",
  workbench: "src/web/workbench/entry.tsx",
  admin: "src/web/admin/entry.tsx",
};

export interface WebAssets {
  /** Stylesheet URLs for every page. */
  styles: string[];
  /** The entry script URL of an audience, or none when the client has not been built. */
  script(entry: WebEntry): string[];
}

/**
 * The hashed asset URLs from dist/web/.vite/manifest.json. Without a build (e.g. `npm test`) pages
 * still render, only without stylesheet and scripts.
 */
export function loadWebAssets(dist: string = WEB_DIST): WebAssets {
  const file = path.join(dist, ".vite/manifest.json");
  const manifest: Record<string, ManifestChunk> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, ManifestChunk>)
    : {};
  const url = (f: string) => `/${f}`;
  const styles = manifest[ENTRY_SOURCES.styles];
  return {
    styles: styles === undefined ? [] : [url(styles.file)],
    script(entry) {
      const chunk = manifest[ENTRY_SOURCES[entry]];
      return chunk === undefined ? [] : [url(chunk.file)];
    },
  };
}
