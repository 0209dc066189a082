import { useState } from "react";
import { useWt } from "../workbench/common.js";

/** Keyset paging: the stack of `after` cursors (empty: the first page). */
export function useCursor() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    after: stack.at(-1),
    page: stack.length + 1,
    next: (cursor: string) => setStack([...stack, cursor]),
    prev: () => setStack(stack.slice(0, -1)),
    reset: () => setStack([]),
  };
}

/** Previous / next buttons for a keyset-paged list. */
export function Pager({
  page,
  hasPrev,
  next,
  onPrev,
  onNext,
}: {
  page: number;
  hasPrev: boolean;
  next: string | number | null | undefined;
  onPrev: () => void;
  onNext: (cursor: string) => void;
}) {
  const t = useWt();
  if (!hasPrev && (next === null || next === undefined)) return null;
  return (
    <p className="wb-pager">
      <button type="button" onClick={onPrev} disabled={!hasPrev}>
        {t("admx.prev")}
      </button>{" "}
      <span>{t("admx.page", { n: page })}</span>{" "}
      <button
        type="button"
        onClick={() => next !== null && next !== undefined && onNext(String(next))}
        disabled={next === null || next === undefined}
      >
        {t("admx.next")}
      </button>
    </p>
  );
}

/** Client-side paging of a loaded list (e.g. halls of a region): `size` rows a page. */
export function usePaged<T>(rows: readonly T[], size = 20) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(page, pages - 1);
  return {
    rows: rows.slice(current * size, current * size + size),
    pager: (
      <Pager
        page={current + 1}
        hasPrev={current > 0}
        next={current + 1 < pages ? String(current + 1) : null}
        onPrev={() => setPage(current - 1)}
        onNext={() => setPage(current + 1)}
      />
    ),
  };
}

export interface RegionInfo {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

const LEVEL_KEYS = ["admx.level1", "admx.level2", "admx.level3", "admx.level4", "admx.level5"] as const;

/** The message key of a division level (1 自治区 … 5 村社区). */
export function levelKey(level: number): (typeof LEVEL_KEYS)[number] {
  return LEVEL_KEYS[Math.min(Math.max(level, 1), 5) - 1] ?? "admx.level1";
}
