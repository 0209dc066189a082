/** A text field of a submitted form ("" when absent or a file). */
export function field(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === "string" ? v : "";
}
