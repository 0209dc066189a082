/** A saved application draft (per guide, in localStorage): survives a reload, keeps its idempotency key. */
export interface Draft {
  formData: Record<string, string>;
  files: Record<string, { fileName: string; contentType: string; dataBase64: string }>;
  idempotencyKey: string;
  step: "form" | "review";
}

/** The profile fields an application form can be prefilled from (by the field's semantic key). */
export interface ProfileForPrefill {
  kind: string;
  displayName: string;
  idNumber: string | null;
  phone: string | null;
  creditCode: string | null;
}

/** Prefills form fields from the profile by semantic key (or, lacking one, by field type). */
export function prefillFor(
  fields: { key: string; type: string; semanticKey?: string | undefined }[],
  me: ProfileForPrefill,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const sk = f.semanticKey ?? "";
    let v: string | null = null;
    if (sk === "applicant_name" && me.kind === "person") v = me.displayName;
    else if (sk === "enterprise_name" && me.kind === "enterprise") v = me.displayName;
    else if (sk === "id_number" || (sk === "" && f.type === "id_number")) v = me.idNumber;
    else if (sk === "phone" || (sk === "" && f.type === "phone")) v = me.phone;
    else if (sk === "credit_code" || (sk === "" && f.type === "credit_code")) v = me.creditCode;
    if (v !== null && v !== "") out[f.key] = v;
  }
  return out;
}

/** A fresh idempotency key (the server keeps the first case made under it). */
export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}

const keyOf = (code: string) => `tb-draft:${code}`;
/** Files are kept in the draft only while the whole draft stays under this size. */
const MAX_DRAFT_CHARS = 3_000_000;

export function saveDraft(code: string, draft: Draft): void {
  try {
    let text = JSON.stringify(draft);
    if (text.length > MAX_DRAFT_CHARS) text = JSON.stringify({ ...draft, files: {} });
    localStorage.setItem(keyOf(code), text);
  } catch {
    // storage full or disabled: the draft is only a convenience
  }
}

export function loadDraft(code: string): Draft | null {
  try {
    const text = localStorage.getItem(keyOf(code));
    if (text === null) return null;
    const d = JSON.parse(text) as Partial<Draft>;
    if (typeof d.idempotencyKey !== "string" || typeof d.formData !== "object" || d.formData === null)
      return null;
    return {
      formData: d.formData,
      files: d.files ?? {},
      idempotencyKey: d.idempotencyKey,
      step: d.step === "review" ? "review" : "form",
    };
  } catch {
    return null;
  }
}

export function clearDraft(code: string): void {
  try {
    localStorage.removeItem(keyOf(code));
  } catch {
    // ignore
  }
}
