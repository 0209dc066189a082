/**
 * The picture of an agency's e-seal (电子印章): a red round seal with a five-pointed star in the
 * centre, the agency name along the upper arc and a label (e.g. 电子印章) below the star, and the
 * seal code in small digits at the bottom. Pure geometry: the same inputs give the same SVG text.
 */

export const SEAL_RED = "#d4002a";
export const SEAL_SIZE = 200;
export const SEAL_FONT_FAMILY = "Noto Sans SC";

export interface Point {
  x: number;
  y: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The ten vertices of a five-pointed star (outer, inner, outer …), the first pointing straight up. */
export function starPoints(cx: number, cy: number, outerR: number): Point[] {
  const innerR = outerR * 0.381966; // (3 − √5) / 2: the inner radius of a regular star
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outerR : innerR;
    const a = ((-90 + i * 36) * Math.PI) / 180;
    return { x: round(cx + r * Math.cos(a)), y: round(cy + r * Math.sin(a)) };
  });
}

/**
 * Where each character of the name goes on the upper arc: centred on the top, spread over at most
 * 240°, each rotated so that its foot points to the centre.
 */
export function arcGlyphs(
  text: string,
  cx: number,
  cy: number,
  r: number,
): { char: string; x: number; y: number; rotate: number }[] {
  const chars = [...text];
  const n = chars.length;
  if (n === 0) return [];
  const span = Math.min(240, Math.max(0, (n - 1) * 24));
  const step = n === 1 ? 0 : span / (n - 1);
  return chars.map((char, i) => {
    const deg = -90 - span / 2 + i * step;
    const a = (deg * Math.PI) / 180;
    return { char, x: round(cx + r * Math.cos(a)), y: round(cy + r * Math.sin(a)), rotate: round(deg + 90) };
  });
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

/** The seal as an SVG document (200 × 200 user units). */
export function sealSvg(agencyName: string, sealCode: string, label = "电子印章"): string {
  const c = SEAL_SIZE / 2;
  const star = starPoints(c, c, 30)
    .map((p) => `${p.x},${p.y}`)
    .join(" ");
  const nameSize = [...agencyName].length > 12 ? 15 : 18;
  const glyphs = arcGlyphs(agencyName, c, c, 70)
    .map(
      (g) =>
        `<text x="${g.x}" y="${g.y}" transform="rotate(${g.rotate} ${g.x} ${g.y})" font-size="${nameSize}" text-anchor="middle" dominant-baseline="central">${escapeXml(g.char)}</text>`,
    )
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SEAL_SIZE}" height="${SEAL_SIZE}" viewBox="0 0 ${SEAL_SIZE} ${SEAL_SIZE}">` +
    `<g fill="${SEAL_RED}" font-family="${SEAL_FONT_FAMILY}" font-weight="bold">` +
    `<circle cx="${c}" cy="${c}" r="94" fill="none" stroke="${SEAL_RED}" stroke-width="6"/>` +
    `<polygon points="${star}"/>` +
    glyphs +
    `<text x="${c}" y="${c + 50}" font-size="16" text-anchor="middle">${escapeXml(label)}</text>` +
    `<text x="${c}" y="${c + 72}" font-size="9" text-anchor="middle">${escapeXml(sealCode)}</text>` +
    `</g></svg>`
  );
}
