import type { ComponentType } from "react";

/**
 * The portal's islands by name: each is its own chunk, loaded only on a page that has one
 * (`<Island name=…>`). Add an island here and render it inside `<Island>` on the server.
 */
export const ISLANDS: Record<string, () => Promise<ComponentType<Record<string, unknown>>>> = {
  apply: async () =>
    (await import("./islands/ApplyForm.js")).ApplyForm as ComponentType<Record<string, unknown>>,
  complaint: async () =>
    (await import("./islands/ComplaintForm.js")).ComplaintForm as ComponentType<Record<string, unknown>>,
  login: async () =>
    (await import("./islands/LoginForm.js")).LoginForm as ComponentType<Record<string, unknown>>,
  me: async () =>
    (await import("./islands/MyAccount.js")).MyAccount as ComponentType<Record<string, unknown>>,
  register: async () =>
    (await import("./islands/RegisterForm.js")).RegisterForm as ComponentType<Record<string, unknown>>,
};
