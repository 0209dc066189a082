import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);

/** Noto Sans SC (OFL) from its npm package: seal pictures and PDFs use it. */
export const CJK_FONT_PATH: string =
  require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");

/** Rasterises a seal SVG to PNG (400 px wide) with the CJK font; no system fonts. */
export function sealPng(svg: string): Buffer {
  const r = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [CJK_FONT_PATH], defaultFontFamily: "Noto Sans SC" },
    fitTo: { mode: "width", value: 400 },
  });
  return Buffer.from(r.render().asPng());
}
