import type { FastifyInstance } from "fastify";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";

export type Headers = Record<string, string>;

/**
 * Logs demo accounts in (password login, cookie session) and caches their headers: the session
 * cookie and the CSRF token. Each login comes from its own address so that per-IP throttling of
 * one test does not reach another. `clear()` after moving a test clock past the session lifetime.
 */
export class Sessions {
  readonly #cache = new Map<string, Headers>();
  #ip = 1;

  constructor(
    private readonly app: () => FastifyInstance,
    private readonly subnet: string,
  ) {}

  async as(login: string): Promise<Headers> {
    const cached = this.#cache.get(login);
    if (cached) return cached;
    const res = await this.app().inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: login, password: DEMO_PASSWORD },
      remoteAddress: `${this.subnet}.${this.#ip++}`,
    });
    if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.body}`);
    const cookie = /tb_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1] ?? "";
    const headers = {
      cookie: `tb_session=${cookie}`,
      "x-csrf-token": res.json<{ csrfToken: string }>().csrfToken,
    };
    this.#cache.set(login, headers);
    return headers;
  }

  clear(): void {
    this.#cache.clear();
  }
}
