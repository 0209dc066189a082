import fs from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont } from "pdf-lib";
import QRCode from "qrcode";
import { CJK_FONT_PATH } from "./seal-picture.js";

/** The marker line appended after %%EOF: the seal code and the SM2 signature of every byte before it. */
export const FILE_SIGNATURE_MARKER = "\n%TONGBAN-SM2 ";
/** The embedded file that carries the signature package. */
export const SIGNATURE_ATTACHMENT = "tongban-signature.json";

let fontBytes: Buffer | undefined;
function cjkFont(): Buffer {
  fontBytes ??= fs.readFileSync(CJK_FONT_PATH);
  return fontBytes;
}

/**
 * fontkit for pdf-lib, parsing the CJK font once per process: pdf-lib asks fontkit to parse the
 * font bytes for every document (about 0.2 s of the event loop for this font); the parsed font is
 * read-only to the subset embedder (each document makes its own subset), so one copy serves all.
 */
let parsedFont: ReturnType<typeof fontkit.create> | undefined;
const cachingFontkit: typeof fontkit = {
  create: (data: Uint8Array, postscriptName?: string) => {
    if (data === fontBytes && postscriptName === undefined) {
      parsedFont ??= fontkit.create(data);
      return parsedFont;
    }
    return fontkit.create(data, postscriptName);
  },
};

export interface DocumentPdfInput {
  title: string;
  caseNumber: string;
  agencyName: string;
  /** YYYY-MM-DD. */
  date: string;
  rows: [string, string][];
  sealPng: Uint8Array;
  verifyUrl: string;
  signedAt: Date;
  /** The signature package (JSON text) embedded as an attachment. */
  signaturePackage: string;
  signatureHint: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/** Lines of at most `width`: widths added up character by character (one layout per character). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const widths = new Map<string, number>();
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    for (const ch of paragraph) {
      let w = widths.get(ch);
      if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, size)));
      if (line !== "" && lineWidth + w > width) {
        lines.push(line);
        line = "";
        lineWidth = 0;
      }
      line += ch;
      lineWidth += w;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Renders a notice or decision as an A4 PDF: title, case number, the content as labelled rows, the
 * agency and date with the seal picture over them, and a QR code to the verification page. The
 * CJK font is subset (only the glyphs used are embedded). The signature package rides along as an
 * embedded file; the caller appends the file signature.
 */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachingFontkit);
  const font = await pdf.embedFont(cjkFont(), { subset: true });
  pdf.setTitle(input.title);
  pdf.setAuthor(input.agencyName);
  pdf.setProducer("通办 tongban");
  pdf.setCreator("通办 tongban");
  pdf.setCreationDate(input.signedAt);
  pdf.setModificationDate(input.signedAt);
  let page = pdf.addPage([A4.width, A4.height]);
  const ink = rgb(0.1, 0.1, 0.1);
  const textWidth = A4.width - 2 * MARGIN;
  let y = A4.height - MARGIN - 20;
  const titleWidth = font.widthOfTextAtSize(input.title, 20);
  page.drawText(input.title, { x: (A4.width - titleWidth) / 2, y, size: 20, font, color: ink });
  y -= 32;
  page.drawText(`编号：${input.caseNumber}`, { x: MARGIN, y, size: 11, font, color: ink });
  y -= 28;
  for (const [label, value] of input.rows) {
    const lines = wrap(`${label}：${value}`, font, 12, textWidth);
    for (const line of lines) {
      if (y < MARGIN + 200) {
        page = pdf.addPage([A4.width, A4.height]);
        y = A4.height - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y, size: 12, font, color: ink });
      y -= 20;
    }
    y -= 4;
  }
  // Signature block: agency and date, the seal over them.
  const blockY = Math.min(y - 40, MARGIN + 150);
  const rightX = A4.width - MARGIN;
  const agencyWidth = font.widthOfTextAtSize(input.agencyName, 13);
  page.drawText(input.agencyName, { x: rightX - agencyWidth, y: blockY, size: 13, font, color: ink });
  const dateWidth = font.widthOfTextAtSize(input.date, 13);
  page.drawText(input.date, { x: rightX - dateWidth, y: blockY - 22, size: 13, font, color: ink });
  const seal = await pdf.embedPng(input.sealPng);
  const sealSize = 120;
  page.drawImage(seal, {
    x: rightX - agencyWidth / 2 - sealSize / 2,
    y: blockY - 11 - sealSize / 2,
    width: sealSize,
    height: sealSize,
    opacity: 0.85,
  });
  // QR code to the verification page, bottom left.
  const qr = await pdf.embedPng(await QRCode.toBuffer(input.verifyUrl, { margin: 1, width: 240 }));
  page.drawImage(qr, { x: MARGIN, y: MARGIN, width: 80, height: 80 });
  page.drawText("扫码核验文书真伪", { x: MARGIN + 90, y: MARGIN + 56, size: 9, font, color: ink });
  page.drawText(input.signatureHint, { x: MARGIN + 90, y: MARGIN + 40, size: 7, font, color: ink });
  await pdf.attach(new TextEncoder().encode(input.signaturePackage), SIGNATURE_ATTACHMENT, {
    mimeType: "application/json",
    description: "SM2 电子签章数据（GB/T 38540 结构）",
    creationDate: input.signedAt,
    modificationDate: input.signedAt,
  });
  return pdf.save();
}

/** The signed file: the PDF, then one marker line with the seal code and the SM2 signature of the PDF bytes. */
export function appendFileSignature(pdf: Uint8Array, sealCode: string, signature: string): Buffer {
  return Buffer.concat([pdf, Buffer.from(`${FILE_SIGNATURE_MARKER}${sealCode} ${signature}\n`, "latin1")]);
}
