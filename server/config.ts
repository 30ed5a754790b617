import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Environment variables are the configuration; every problem is reported at once at start. */
const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'on'].includes(v)));

/** Addresses or CIDR ranges (or proxy-addr's loopback / linklocal / uniquelocal), comma-separated. */
const proxyList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((entry) => {
        if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
        const [address = '', bits, ...rest] = entry.split('/');
        const kind = isIP(address);
        if (!kind || rest.length > 0) return false;
        if (bits === undefined) return true;
        return /^\d+$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128);
      }, 'an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/24), loopback, linklocal or uniquelocal'),
    ),
  );

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DEMO_DATA: flag(true),
  KEY_FILE: z.string().optional(),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(1).default(150_000),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(30),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(200),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().positive().default(10),
  LOGIN_PAIR_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_PAIR_BASE_SECONDS: z.coerce.number().positive().default(2),
  LOGIN_PAIR_MAX_SECONDS: z.coerce.number().positive().default(900),
  COOKIE_SECURE: flag(false),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
  TRUST_PROXY: proxyList,
  ROSTER_DUE_DAY: z.coerce.number().int().min(1).max(28).default(5),
  IMPORT_MAX_MB: z.coerce.number().positive().max(500).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demoData: boolean;
  keyFile: string;
  passwordIterations: number;
  passwordPolicy: { minLength: number; maxLength: number; minClasses: number };
  session: { idleMs: number; absoluteMs: number };
  /**
   * Sign-in failures (security.md row 6): the account locks after `maxFailures` for `lockMs`; an
   * (address, username) pair waits `pairBaseMs` × 2^(n − pairFreeFailures) (at most `pairMaxMs`)
   * after its n-th failure beyond the free ones; an address as a whole is refused after
   * `ipMaxFailures` in `ipWindowMs`, a ceiling a street office behind one NAT address does not reach.
   */
  login: {
    maxFailures: number;
    lockMs: number;
    ipMaxFailures: number;
    ipWindowMs: number;
    pairFreeFailures: number;
    pairBaseMs: number;
    pairMaxMs: number;
  };
  /** The origin users reach the service at (its Origin check, its cookie's Secure flag). */
  publicUrl: string | undefined;
  /** Proxies whose X-Forwarded-For / -Proto / -Host are believed; empty: none. */
  trustProxy: string[];
  cookieSecure: boolean;
  logLevel: string;
  /** A street's roster of a month is late when not approved by this day of the next month. */
  roster: { dueDay: number; importMaxBytes: number };
};

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    demoData: e.DEMO_DATA,
    keyFile: path.resolve(e.KEY_FILE ?? path.join(dataDir, 'keys.json')),
    passwordIterations: e.PASSWORD_ITERATIONS,
    passwordPolicy: {
      minLength: e.PASSWORD_MIN_LENGTH,
      maxLength: 128,
      minClasses: e.PASSWORD_MIN_CLASSES,
    },
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      ipMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      ipWindowMs: e.LOGIN_IP_WINDOW_MINUTES * 60_000,
      pairFreeFailures: e.LOGIN_PAIR_FREE_FAILURES,
      pairBaseMs: e.LOGIN_PAIR_BASE_SECONDS * 1000,
      pairMaxMs: e.LOGIN_PAIR_MAX_SECONDS * 1000,
    },
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE || e.PUBLIC_URL?.startsWith('https:') === true,
    logLevel: e.LOG_LEVEL,
    roster: { dueDay: e.ROSTER_DUE_DAY, importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024 },
  };
}
