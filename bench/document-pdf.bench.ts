/**
 * Signed-document rendering: how long a notice PDF takes (cold: font read and parsed; warm: later
 * documents in the same process), its size with the subset CJK font, and the SM2 costs. Prints
 * figures with their ceilings; never fails on timing. Run: node --import tsx bench/document-pdf.bench.ts
 */
import { sealSvg } from "../src/shared/seal-svg.js";
import { appendFileSignature, renderDocumentPdf } from "../src/server/modules/credentials/document-pdf.js";
import { verifySignedPdf } from "../src/server/modules/credentials/document-verify.js";
import { sealPng } from "../src/server/modules/credentials/seal-picture.js";
import { generateKeyPair, signSm2, verifySm2 } from "../src/server/modules/credentials/sm2.js";

const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;
const CEILING_WARM_MS = 1000;

let t = performance.now();
const png = sealPng(sealSvg("喀什地区市场监督管理局", "11653100MB1234567X001"));
console.log(`seal PNG (resvg, 400 px): ${ms(t)}, ${png.length} bytes`);

const key = generateKeyPair();
const input = (i: number) => ({
  title: "准予行政许可决定书",
  caseNumber: `6531-20260615-O-${String(i).padStart(6, "0")}`,
  agencyName: "喀什地区市场监督管理局",
  date: "2026-06-15",
  rows: [
    ["申请事项", "食品经营许可（新办）"],
    ["决定", "经审查，你（单位）的申请符合法定条件、标准，决定准予行政许可。"],
    ["救济途径", "如不服本决定，可自收到之日起六十日内申请行政复议，或六个月内提起行政诉讼。"],
  ] as [string, string][],
  sealPng: png,
  verifyUrl: "https://tongban.example/verify/documents/00000000-0000-4000-8000-000000000000",
  signedAt: new Date("2026-06-15T02:00:00Z"),
  signaturePackage: JSON.stringify({ format: "tongban-signed-document/1", filler: "x".repeat(2000) }),
  signatureHint: "电子印章 11653100MB1234567X001 · SM2/SM3",
});

t = performance.now();
const first = await renderDocumentPdf(input(0));
console.log(`cold render (font read + parse + subset): ${ms(t)}, ${first.length} bytes`);

const N = 10;
t = performance.now();
let size = 0;
for (let i = 1; i <= N; i++) size = (await renderDocumentPdf(input(i))).length;
const warm = (performance.now() - t) / N;
console.log(
  `warm render: ${warm.toFixed(1)} ms per document (ceiling ${CEILING_WARM_MS} ms), ${size} bytes each`,
);

t = performance.now();
const sig = signSm2(first, key.privateKey, key.publicKey);
console.log(`SM2 sign of the PDF bytes: ${ms(t)}`);
t = performance.now();
verifySm2(first, sig, key.publicKey);
console.log(`SM2 verify of the PDF bytes: ${ms(t)}`);
const file = appendFileSignature(first, "11653100MB1234567X001", sig);
t = performance.now();
await verifySignedPdf(file, key.publicKey);
console.log(`offline verification (parse + 3 checks): ${ms(t)}`);
console.log(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
