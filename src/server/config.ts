import path from "node:path";
import { z } from "zod";

/** Server roles: `web` serves HTTP, `worker` runs jobs and schedules, `all` does both. */
export const ROLES = ["web", "worker", "all"] as const;
export type Role = (typeof ROLES)[number];

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  TONGBAN_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (256 bits)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  PUBLIC_BASE_URL: z.url().optional(),
  DEMO_SEED: z.enum(["true", "false"]).default("true"),
  NOTIFY_PROVIDER: z.enum(["log", "none"]).default("log"),
});

export interface Config {
  port: number;
  host: string;
  /** A real PostgreSQL when set; otherwise the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  /** Master key for SM4 field encryption and HMAC-SM3; unset = DATA_DIR/master.key. Never logged. */
  masterKey: string | undefined;
  /** Send cookies with `Secure` (set true behind HTTPS). */
  cookieSecure: boolean;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** The address people reach the platform at (QR codes, links in documents). */
  publicBaseUrl: string;
  /** Seed demo regions, agencies and accounts on first start. */
  demoSeed: boolean;
  /** SMS/email provider of staff notifications: `log` writes them to the log, `none` sends nothing. */
  notifyProvider: "log" | "none";
  role: Role;
}

/** Parses the environment once; throws a readable error naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量配置错误 (invalid environment):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    masterKey: e.TONGBAN_MASTER_KEY,
    cookieSecure: e.COOKIE_SECURE === "true",
    trustProxy: e.TRUST_PROXY === "true",
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    demoSeed: e.DEMO_SEED === "true",
    notifyProvider: e.NOTIFY_PROVIDER,
    role: parseRole(argv),
  };
}

function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith("--role="));
  if (arg === undefined) return "all";
  const value = arg.slice("--role=".length);
  const role = ROLES.find((r) => r === value);
  if (role === undefined) throw new Error(`未知角色 --role=${value}，可选：${ROLES.join(" | ")}`);
  return role;
}
