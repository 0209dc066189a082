import fs from "node:fs";
import { verifySignedPdf } from "../server/modules/credentials/document-verify.js";

/**
 * `npx tongban verify FILE.pdf [--root-key FILE | --root-key-url URL]`: checks a downloaded signed
 * document offline against the platform's published root public key (a file holding the hex key or
 * the JSON of GET /api/v1/credentials/root-key; or fetched once from the URL and cached with
 * --save-root-key FILE). Exit 0 valid, 1 invalid, 2 usage error.
 */
function readKey(text: string): string {
  const t = text.trim();
  if (t.startsWith("{")) return (JSON.parse(t) as { publicKey: string }).publicKey;
  return t;
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith("--") && !(argv[i - 1] ?? "").startsWith("--"));
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const keyFile = opt("--root-key") ?? process.env.TONGBAN_ROOT_KEY_FILE;
  const keyUrl = opt("--root-key-url");
  if (file === undefined || (keyFile === undefined && keyUrl === undefined)) {
    process.stderr.write(
      "用法：tongban verify FILE.pdf --root-key ROOT_KEY_FILE | --root-key-url URL [--save-root-key FILE]\n",
    );
    return 2;
  }
  let rootKey: string;
  if (keyFile !== undefined) rootKey = readKey(fs.readFileSync(keyFile, "utf8"));
  else {
    const res = await fetch(keyUrl as string);
    rootKey = readKey(await res.text());
    const save = opt("--save-root-key");
    if (save !== undefined) fs.writeFileSync(save, `${rootKey}\n`);
  }
  const r = await verifySignedPdf(new Uint8Array(fs.readFileSync(file)), rootKey);
  const mark = (b: boolean) => (b ? "通过" : "未通过");
  process.stdout.write(
    [
      r.isValid ? "签章有效" : "签章无效",
      `  文件完整（SM2 签名覆盖全部字节）：${mark(r.checks.isFileIntact)}`,
      `  印章证书（平台根密钥签发、签章时有效）：${mark(r.checks.isSealCertified)}`,
      `  内容签名（SM3 摘要 + SM2 签名）：${mark(r.checks.isContentSigned)}`,
      ...(r.document === undefined
        ? []
        : [
            `  文书：${String(r.document.title)}  办件编号：${String(r.document.caseNumber)}`,
            `  签发机关：${r.document.agencyName}  印章：${r.document.sealCode}  时间：${r.document.signedAt}`,
          ]),
    ].join("\n") + "\n",
  );
  return r.isValid ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
if (command !== "verify") {
  process.stderr.write("用法：tongban verify FILE.pdf --root-key ROOT_KEY_FILE\n");
  process.exitCode = 2;
} else {
  process.exitCode = await main(rest);
}
