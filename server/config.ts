import path from 'node:path';
import { z } from 'zod';
import { defaultSheetLimits, type SheetLimits } from './platform/excel/limits.ts';

/** Environment variables are the configuration; every problem is reported at once at start. */
const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'on'].includes(v)));

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
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(20),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().positive().default(10),
  COOKIE_SECURE: flag(false),
  ROSTER_DUE_DAY: z.coerce.number().int().min(1).max(28).default(5),
  IMPORT_MAX_MB: z.coerce.number().positive().max(500).default(50),
  IMPORT_MAX_UNCOMPRESSED_MB: z.coerce.number().positive().max(4096).default(500),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
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
  login: { maxFailures: number; lockMs: number; ipMaxFailures: number; ipWindowMs: number };
  cookieSecure: boolean;
  logLevel: string;
  /** A street's roster of a month is late when not approved by this day of the next month. */
  roster: { dueDay: number; importMaxBytes: number; importLimits: SheetLimits };
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
    },
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    roster: {
      dueDay: e.ROSTER_DUE_DAY,
      importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
      /** What an upload may inflate to and hold, counted while it is read (zip bombs). */
      importLimits: {
        ...defaultSheetLimits,
        maxUncompressedBytes: e.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024,
        maxRows: e.IMPORT_MAX_ROWS,
      },
    },
  };
}
