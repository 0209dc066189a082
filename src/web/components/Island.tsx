import type { ReactNode } from "react";

/**
 * The server-side wrapper of a hydrated island: the portal entry finds `[data-island]`, loads that
 * island's chunk and hydrates it with the same props. Everything outside islands is plain HTML.
 */
export function Island({ name, props, children }: { name: string; props: object; children: ReactNode }) {
  return (
    <div data-island={name} data-props={JSON.stringify(props)}>
      {children}
    </div>
  );
}
