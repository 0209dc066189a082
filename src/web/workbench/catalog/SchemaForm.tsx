import type { ReactNode } from "react";
import {
  CASE_KINDS,
  CHANNELS,
  CROSS_REGION_SCOPES,
  EXERCISE_LEVELS,
  ITEM_TYPES,
  SERVICE_OBJECTS,
} from "../../../shared/catalog.js";
import type { WbTranslate } from "../../i18n/workbench-messages.js";
import { useWt } from "../common.js";
import { blankOf, type Node } from "./schema.js";
import { fieldLabel, safe } from "./ui.js";

/**
 * One form for the content of any catalog layer, read from its zod schema: records become
 * fieldsets, lists of records get add / remove / move-up, lists of codes become checkboxes. Each
 * field shows its findings right below it (aria-describedby), updated on every keystroke.
 */
type Path = readonly (string | number)[];
export type Findings = ReadonlyMap<string, string[]>;

const CODE_SETS: Record<string, Record<string, string>> = {
  itemType: ITEM_TYPES,
  exerciseLevels: EXERCISE_LEVELS,
  serviceObjects: SERVICE_OBJECTS,
  channels: CHANNELS,
  caseKind: CASE_KINDS,
  crossRegion: CROSS_REGION_SCOPES,
};

function optionLabel(t: WbTranslate, field: string, value: string): string {
  const set = CODE_SETS[field];
  if (set?.[value] !== undefined) return `${value} ${set[value]}`;
  return safe(t, `cate.${value}`, value);
}

export const fieldId = (path: Path) => `cf-${path.join("-")}`;

function FindingList({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (messages === undefined || messages.length === 0) return null;
  return (
    <ul id={id} className="wb-findings" data-testid={`finding-${id}`}>
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  name: string;
  parent: string | undefined;
  node: Node;
  value: unknown;
  path: Path;
  onSet: (path: Path, value: unknown) => void;
  findings: Findings;
  /** A label given by the list around (e.g. "申请材料 第 2 项") instead of the field's own. */
  label?: string;
}

function describedBy(
  path: Path,
  findings: Findings,
): { "aria-describedby"?: string; "aria-invalid"?: boolean } {
  const has = (findings.get(path.join("."))?.length ?? 0) > 0;
  return has ? { "aria-describedby": `${fieldId(path)}-err`, "aria-invalid": true } : {};
}

function Field(p: FieldProps): ReactNode {
  const t = useWt();
  const { node, value, path, onSet, findings } = p;
  const id = fieldId(path);
  const label = p.label ?? fieldLabel(t, p.name, p.parent);
  const own = findings.get(path.join("."));
  const errs = <FindingList id={`${id}-err`} messages={own} />;
  switch (node.kind) {
    case "string": {
      const v = typeof value === "string" ? value : "";
      const set = (s: string) => onSet(path, s === "" && node.optional ? undefined : s);
      return (
        <div className="wb-field">
          <label htmlFor={id}>{label}</label>
          {node.long ? (
            <textarea
              id={id}
              value={v}
              maxLength={node.max}
              onChange={(e) => set(e.target.value)}
              {...describedBy(path, findings)}
            />
          ) : (
            <input
              id={id}
              value={v}
              maxLength={node.max}
              onChange={(e) => set(e.target.value)}
              {...describedBy(path, findings)}
            />
          )}
          {errs}
        </div>
      );
    }
    case "number": {
      const v = typeof value === "number" ? String(value) : "";
      return (
        <div className="wb-field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            value={v}
            min={node.min}
            max={node.max}
            onChange={(e) =>
              onSet(
                path,
                e.target.value === ""
                  ? node.nullable
                    ? null
                    : node.optional
                      ? undefined
                      : ""
                  : Number(e.target.value),
              )
            }
            {...describedBy(path, findings)}
          />
          {errs}
        </div>
      );
    }
    case "boolean":
      return (
        <div className="wb-field wb-check">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onSet(path, e.target.checked)}
            {...describedBy(path, findings)}
          />
          <label htmlFor={id}>{label}</label>
          {errs}
        </div>
      );
    case "enum":
      return (
        <div className="wb-field">
          <label htmlFor={id}>{label}</label>
          <select
            id={id}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onSet(path, e.target.value === "" ? undefined : e.target.value)}
            {...describedBy(path, findings)}
          >
            {(node.optional || typeof value !== "string") && <option value="">{t("catm.unset")}</option>}
            {node.values.map((v) => (
              <option key={v} value={v}>
                {optionLabel(t, p.name, v)}
              </option>
            ))}
          </select>
          {errs}
        </div>
      );
    case "object":
      return <ObjectField {...p} label={label} />;
    case "array":
      return <ArrayField {...p} label={label} />;
    case "unknown":
      return null;
  }
}

function ObjectField(p: FieldProps & { label: string }) {
  const t = useWt();
  const { node, value, path, onSet, findings } = p;
  if (node.kind !== "object") return null;
  const id = fieldId(path);
  const present = value !== undefined && value !== null;
  return (
    <fieldset className="wb-fieldset" id={id}>
      <legend>{p.label}</legend>
      <FindingList id={`${id}-err`} messages={findings.get(path.join("."))} />
      {node.optional && (
        <div className="wb-field wb-check">
          <input
            id={`${id}-include`}
            type="checkbox"
            checked={present}
            onChange={(e) =>
              onSet(path, e.target.checked ? blankOf({ ...node, optional: false }) : undefined)
            }
          />
          <label htmlFor={`${id}-include`}>{t("catm.include", { label: p.label })}</label>
        </div>
      )}
      {present &&
        node.fields.map(([k, n]) => (
          <Field
            key={k}
            name={k}
            parent={p.name}
            node={n}
            value={(value as Record<string, unknown>)[k]}
            path={[...path, k]}
            onSet={onSet}
            findings={findings}
          />
        ))}
    </fieldset>
  );
}

function elementTitle(v: unknown): string {
  if (typeof v === "object" && v !== null) {
    const r = v as Record<string, unknown>;
    for (const k of ["name", "label", "law", "key"])
      if (typeof r[k] === "string" && r[k] !== "") return String(r[k]);
  }
  return "";
}

function ArrayField(p: FieldProps & { label: string }) {
  const t = useWt();
  const { node, path, onSet, findings } = p;
  if (node.kind !== "array") return null;
  const id = fieldId(path);
  const list = Array.isArray(p.value) ? (p.value as unknown[]) : [];
  const el = node.element;
  const own = <FindingList id={`${id}-err`} messages={findings.get(path.join("."))} />;
  if (el.kind === "enum") {
    return (
      <fieldset
        className="wb-fieldset wb-inline"
        id={id}
        aria-describedby={findings.has(path.join(".")) ? `${id}-err` : undefined}
      >
        <legend>{p.label}</legend>
        {el.values.map((v) => (
          <span key={v} className="wb-check">
            <input
              id={`${id}-${v}`}
              type="checkbox"
              checked={list.includes(v)}
              onChange={(e) =>
                onSet(
                  path,
                  e.target.checked
                    ? el.values.filter((x) => x === v || list.includes(x))
                    : list.filter((x) => x !== v),
                )
              }
            />
            <label htmlFor={`${id}-${v}`}>{optionLabel(t, p.name, v)}</label>
          </span>
        ))}
        {own}
      </fieldset>
    );
  }
  if (el.kind === "number") {
    return (
      <div className="wb-field">
        <label htmlFor={id}>
          {p.label} <small>{t("catm.commaList")}</small>
        </label>
        <input
          id={id}
          value={list.join(",")}
          onChange={(e) =>
            onSet(
              path,
              e.target.value
                .split(/[,，\s]+/)
                .filter((x) => x !== "")
                .map(Number),
            )
          }
          {...describedBy(path, findings)}
        />
        {own}
      </div>
    );
  }
  const remove = (i: number) =>
    onSet(
      path,
      list.filter((_, j) => j !== i),
    );
  const up = (i: number) =>
    onSet(
      path,
      list.map((x, j) => (j === i - 1 ? list[i] : j === i ? list[i - 1] : x)),
    );
  return (
    <fieldset className="wb-fieldset" id={id}>
      <legend>{p.label}</legend>
      {own}
      {list.map((item, i) => {
        const itemLabel = t("catm.itemN", { label: p.label, n: i + 1 });
        const title = elementTitle(item);
        return (
          <div key={i} className="wb-list-item">
            {el.kind === "object" ? (
              <Field
                name={p.name}
                parent={p.parent}
                node={{ ...el, optional: false }}
                value={item}
                path={[...path, i]}
                onSet={onSet}
                findings={findings}
                label={title === "" ? itemLabel : `${itemLabel}：${title}`}
              />
            ) : (
              <Field
                name={p.name}
                parent={p.parent}
                node={el}
                value={item}
                path={[...path, i]}
                onSet={onSet}
                findings={findings}
                label={itemLabel}
              />
            )}
            <div className="wb-item-actions">
              {i > 0 && (
                <button
                  type="button"
                  onClick={() => up(i)}
                  aria-label={t("catm.moveUpItem", { label: p.label, n: i + 1 })}
                >
                  {t("catm.moveUp")}
                </button>
              )}{" "}
              <button
                type="button"
                onClick={() => remove(i)}
                aria-label={t("catm.removeItem", { label: p.label, n: i + 1 })}
              >
                {t("catm.remove")}
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" onClick={() => onSet(path, [...list, blankOf(el)])}>
        {t("catm.addTo", { label: p.label })}
      </button>
    </fieldset>
  );
}

/** The whole content: the root record's fields, in the schema's order. */
export function SchemaForm({
  node,
  value,
  onSet,
  findings,
}: {
  node: Node;
  value: unknown;
  onSet: (path: Path, value: unknown) => void;
  findings: Findings;
}) {
  if (node.kind !== "object") return null;
  return (
    <>
      {node.fields.map(([k, n]) => (
        <Field
          key={k}
          name={k}
          parent={undefined}
          node={n}
          value={(value as Record<string, unknown> | null)?.[k]}
          path={[k]}
          onSet={onSet}
          findings={findings}
        />
      ))}
    </>
  );
}
