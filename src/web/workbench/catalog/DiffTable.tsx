import { useWt } from "../common.js";
import { diffContent, type DiffRow } from "./diff.js";
import { fieldLabel } from "./ui.js";

/** Side by side, field by field: the older version's value, the newer one's, and what changed. */
export function DiffTable({
  before,
  after,
  fromNo,
  toNo,
}: {
  before: unknown;
  after: unknown;
  fromNo: number;
  toNo: number;
}) {
  const t = useWt();
  const rows = diffContent(before, after);
  const pathText = (r: DiffRow) => {
    let parent: string | undefined;
    return r.path
      .map((s) => {
        if (s.field !== undefined) {
          const label = fieldLabel(t, s.field, parent);
          parent = s.field;
          return label;
        }
        return s.element ?? "";
      })
      .join(" › ");
  };
  if (rows.length === 0) return <p role="status">{t("catm.diff.none")}</p>;
  return (
    <div className="wb-scroll">
      <table className="wb-table wb-diff" data-testid="version-diff">
        <caption>{t("catm.diff", { from: fromNo, to: toNo })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("catm.diff.field")}</th>
            <th scope="col">{t("catm.vno", { n: fromNo })}</th>
            <th scope="col">{t("catm.vno", { n: toNo })}</th>
            <th scope="col">{t("catm.diff.change")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={`wb-diff-${r.kind}`}>
              <th scope="row">{pathText(r)}</th>
              <td>{r.before !== undefined ? <del>{r.before}</del> : ""}</td>
              <td>{r.after !== undefined ? <ins>{r.after}</ins> : ""}</td>
              <td>{t(`catm.diff.${r.kind}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
