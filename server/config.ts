import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { WorkingHours } from './platform/calendar/deadlines.ts';
import { defaultSheetLimits, type SheetLimits } from './platform/excel/limits.ts';

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

/** Office hours `HH:mm-HH:mm` (Asia/Shanghai), the end after the start; unset: whole working days. */
const workingHours = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
    error: 'office hours as HH:mm-HH:mm, e.g. 08:30-17:30',
  })
  .refine((v) => v.slice(0, 5) < v.slice(6), 'office hours must end after they start')
  .transform((v): WorkingHours => ({ start: v.slice(0, 5), end: v.slice(6) }))
  .optional();

/** The two datums of the map: WGS-84 (GPS, what is stored) and GCJ-02 (AMap's and Tencent's tiles). */
const mapCrs = z.enum(['wgs84', 'gcj02']);
export type MapCrs = z.infer<typeof mapCrs>;

/**
 * A tile URL template (`https://host/{z}/{x}/{y}.png`, `{s}` a subdomain) and the source that the
 * Content-Security-Policy's img-src adds for it: its origin, a `{s}` in the host's first label
 * becoming `*`. The host is only letters, digits, dots and hyphens (and a port), so nothing of it can
 * reach the header beyond one source.
 */
const tileUrl = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const m = /^(https?):\/\/([^/?#]+)([/?#].*)?$/i.exec(v);
    const scheme = m?.[1]?.toLowerCase();
    const host = m?.[2]?.toLowerCase() ?? '';
    const labels = host.split('.');
    const wildcard = labels[0]?.includes('{s}') ? ['*', ...labels.slice(1)].join('.') : host;
    const hostOk = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(wildcard);
    if (!scheme || !hostOk || !/\{z\}/.test(v) || !/\{x\}/.test(v) || !/\{y\}/.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'an http(s) tile URL template with {z}, {x} and {y}, e.g. https://tiles.example.cn/{z}/{x}/{y}.png ({s} only in the first label of the host)',
      });
      return z.NEVER;
    }
    return { template: v, cspSource: `${scheme}://${wildcard}` };
  });

const EnvSchema = z
  .object({
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
    WORKING_HOURS: workingHours,
    ROSTER_DUE_DAY: z.coerce.number().int().min(1).max(28).default(5),
    ROSTER_CORRECTIONS: z.enum(['same', 'next']).default('same'),
    ABILITY_STACK_ADJUSTMENTS: flag(true),
    ABILITY_RISK_EVENTS: z.coerce.number().int().min(1).max(100).default(2),
    ABILITY_MENTAL_RAISE: flag(true),
    ABILITY_RISK_RAISE: flag(true),
    VISIT_MAX_DISTANCE_M: z.coerce.number().int().min(10).max(100_000).default(500),
    VISIT_MIN_HOME_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
    VISIT_LATE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    VISIT_PHOTO_SIMILAR_BITS: z.coerce.number().int().min(0).max(32).default(6),
    MAP_TILE_URL: tileUrl,
    MAP_TILE_CRS: mapCrs.default('gcj02'),
    MAP_TILE_ATTRIBUTION: z.string().trim().max(300).default(''),
    MAP_TILE_SUBDOMAINS: z
      .string()
      .regex(/^[a-z0-9]{1,10}$/i, { error: 'the letters or digits {s} takes, e.g. abc or 1234' })
      .default('abc'),
    MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(18),
    MAP_OUTLINES_FILE: z.string().trim().min(1).optional(),
    MAP_OUTLINES_CRS: mapCrs.default('wgs84'),
    IMPORT_MAX_MB: z.coerce.number().positive().max(500).default(50),
    IMPORT_MAX_UNCOMPRESSED_MB: z.coerce.number().positive().max(4096).default(500),
    IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
    EVENTS_HEARTBEAT_SECONDS: z.coerce.number().positive().default(15),
    EVENTS_SESSION_CHECK_SECONDS: z.coerce.number().positive().default(15),
    EVENTS_RETENTION_DAYS: z.coerce.number().positive().default(7),
    AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
    AUDIT_CHECKPOINT_SECONDS: z.coerce.number().positive().default(60),
    AUDIT_CHECKPOINT_KEEP_DAYS: z.coerce.number().int().min(1).default(180),
    EXPORT_APPROVAL_ABOVE: z.coerce.number().int().min(0).default(100),
    EXPORT_DOWNLOAD_HOURS: z.coerce.number().positive().default(24),
    FILE_STORE: z.enum(['local', 's3']).default('local'),
    FILE_MAX_MB: z.coerce.number().positive().max(500).default(20),
    PHOTO_MAX_MEGAPIXELS: z.coerce.number().positive().max(268).default(50),
    FILE_GRACE_HOURS: z.coerce.number().positive().default(24),
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_PREFIX: z
      .string()
      .regex(/^([a-z0-9][a-z0-9._-]*\/)*$/, { error: 'lower-case folders, each ending in /' })
      .default(''),
    S3_PATH_STYLE: flag(true),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((e, ctx) => {
    if (e.FILE_STORE !== 's3') return;
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
      if (!e[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when FILE_STORE=s3' });
  });

/** Where stored files live: the data folder, or an S3-compatible bucket (MinIO in a private deployment). */
export type FileStoreConfig =
  | { kind: 'local'; root: string }
  | {
      kind: 's3';
      endpoint: string | undefined;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      prefix: string;
      pathStyle: boolean;
    };

export type FilesConfig = {
  store: FileStoreConfig;
  maxBytes: number;
  maxPixels: number;
  /** An unreferenced file is collected this long after its upload (or its last reference). */
  graceMs: number;
};

/** Online map tiles (none: the outlines alone, which work offline). */
export type MapTiles = {
  /** The URL template Leaflet fills in ({s}, {z}, {x}, {y}). */
  url: string;
  crs: MapCrs;
  attribution: string;
  subdomains: string;
  maxZoom: number;
  /** The Content-Security-Policy img-src source of the tiles' host. */
  cspSource: string;
};

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
  /**
   * Roster rounds: late when not approved by `dueDay` of the next month; changes to an approved
   * month go into its correction round (`same`) or the next month's round (`next`): each district
   * chooses on its 名册设置 page, and `corrections` is what a district follows until it has chosen.
   */
  roster: {
    dueDay: number;
    corrections: 'same' | 'next';
    importMaxBytes: number;
    importLimits: SheetLimits;
  };
  files: FilesConfig;
  /**
   * Ability assessment (GB/T 42195-2022 C.4): whether the two raises (dementia or a mental disorder;
   * `riskEventThreshold` or more care-risk events in 30 days) stack to two levels or give one at
   * most, and whether each raise applies at all.
   */
  ability: {
    stackAdjustments: boolean;
    riskEventThreshold: number;
    mentalRaise: boolean;
    riskRaise: boolean;
  };
  /**
   * Evidence of a visit that goes to review (never silently accepted or refused): checked in farther
   * than `maxDistanceM` from the household (beyond the accuracy), a home visit shorter than
   * `minHomeMinutes`, recorded more than `lateHours` after it ended, a photo whose perceptual hash
   * differs in at most `photoSimilarBits` of its 64 bits from a photo of another visit.
   */
  visits: {
    maxDistanceM: number;
    minHomeMinutes: number;
    lateHours: number;
    photoSimilarBits: number;
  };
  /**
   * The working-day calendar: the office hours a `working_hours` clock counts and a working-days
   * deadline ends at (platform/calendar/deadlines.ts); null: a working day counts whole.
   */
  calendar: { workingHours: WorkingHours | null };
  /** Live events: heartbeat comments, how often open streams' sessions are checked, how long kept. */
  events: { heartbeatMs: number; sessionCheckMs: number; retentionMs: number };
  /**
   * The audit chain's signed checkpoints (ADR 0010): the folder of their day files (outside the
   * database; every process of a deployment should share it), at most one per `checkpointEveryMs`
   * while the chain grows, day files kept `checkpointKeepDays` days.
   */
  audit: { checkpointDir: string; checkpointEveryMs: number; checkpointKeepDays: number };
  /**
   * Unmasked exports (security.md row 15): of more people than `approvalAbove` only through an
   * export request a district officer approves; its file is downloaded once within `downloadMs`.
   */
  exports: { approvalAbove: number; downloadMs: number };
  /**
   * The console's map: the district's outlines from a GeoJSON file (null: the synthetic outlines of
   * the demo district shipped in the repository) in its datum, and online tiles when configured.
   */
  map: { tiles: MapTiles | null; outlinesFile: string | null; outlinesCrs: MapCrs };
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
    roster: {
      dueDay: e.ROSTER_DUE_DAY,
      corrections: e.ROSTER_CORRECTIONS,
      importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
      /** What an upload may inflate to and hold, counted while it is read (zip bombs). */
      importLimits: {
        ...defaultSheetLimits,
        maxUncompressedBytes: e.IMPORT_MAX_UNCOMPRESSED_MB * 1024 * 1024,
        maxRows: e.IMPORT_MAX_ROWS,
      },
    },
    files: {
      store:
        e.FILE_STORE === 's3'
          ? {
              kind: 's3',
              endpoint: e.S3_ENDPOINT,
              region: e.S3_REGION,
              bucket: e.S3_BUCKET ?? '',
              accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
              secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
              prefix: e.S3_PREFIX,
              pathStyle: e.S3_PATH_STYLE,
            }
          : { kind: 'local', root: path.join(dataDir, 'files') },
      maxBytes: Math.round(e.FILE_MAX_MB * 1024 * 1024),
      maxPixels: Math.round(e.PHOTO_MAX_MEGAPIXELS * 1_000_000),
      graceMs: e.FILE_GRACE_HOURS * 3_600_000,
    },
    ability: {
      stackAdjustments: e.ABILITY_STACK_ADJUSTMENTS,
      riskEventThreshold: e.ABILITY_RISK_EVENTS,
      mentalRaise: e.ABILITY_MENTAL_RAISE,
      riskRaise: e.ABILITY_RISK_RAISE,
    },
    visits: {
      maxDistanceM: e.VISIT_MAX_DISTANCE_M,
      minHomeMinutes: e.VISIT_MIN_HOME_MINUTES,
      lateHours: e.VISIT_LATE_HOURS,
      photoSimilarBits: e.VISIT_PHOTO_SIMILAR_BITS,
    },
    calendar: { workingHours: e.WORKING_HOURS ?? null },
    events: {
      heartbeatMs: e.EVENTS_HEARTBEAT_SECONDS * 1000,
      sessionCheckMs: e.EVENTS_SESSION_CHECK_SECONDS * 1000,
      retentionMs: e.EVENTS_RETENTION_DAYS * 86_400_000,
    },
    audit: {
      checkpointDir: path.resolve(
        e.AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit-checkpoints'),
      ),
      checkpointEveryMs: e.AUDIT_CHECKPOINT_SECONDS * 1000,
      checkpointKeepDays: e.AUDIT_CHECKPOINT_KEEP_DAYS,
    },
    exports: {
      approvalAbove: e.EXPORT_APPROVAL_ABOVE,
      downloadMs: e.EXPORT_DOWNLOAD_HOURS * 3_600_000,
    },
    map: {
      tiles: e.MAP_TILE_URL
        ? {
            url: e.MAP_TILE_URL.template,
            crs: e.MAP_TILE_CRS,
            attribution: e.MAP_TILE_ATTRIBUTION,
            subdomains: e.MAP_TILE_SUBDOMAINS,
            maxZoom: e.MAP_TILE_MAX_ZOOM,
            cspSource: e.MAP_TILE_URL.cspSource,
          }
        : null,
      outlinesFile: e.MAP_OUTLINES_FILE ? path.resolve(e.MAP_OUTLINES_FILE) : null,
      outlinesCrs: e.MAP_OUTLINES_CRS,
    },
  };
}
