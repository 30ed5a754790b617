import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { addDays } from '../calendar/working-days.ts';
import { shanghaiDate } from '../calendar/dates.ts';
import { GENESIS } from './audit.ts';
import { auditKeys, hmacSm3, sameMac } from './keys.ts';

/**
 * Signed checkpoints of the audit chain (ADR 0010): (last sealed seq, its hash, when), HMAC-SM3 with
 * a key the database does not hold, appended to one file per day (Asia/Shanghai) in a folder outside
 * the database. Whoever deletes the chain's newest rows cannot take back what a checkpoint recorded.
 */
export type AuditCheckpoint = { seq: number; hash: string; at: string };
export type StoredCheckpoint = AuditCheckpoint & { file: string; line: number };

export type CheckpointConfig = { dir: string; keepDays: number };

const FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

const signed = (c: AuditCheckpoint) => `guanai audit checkpoint v1\n${c.seq}\n${c.hash}\n${c.at}`;

/** The chain's newest sealed row (seq 0 and 64 zeros when it is empty). */
export async function chainHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [last] = await rows<{ seq: string | number; hash: string }>(
    db,
    sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
  );
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS };
}

function ownFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/**
 * Appends a checkpoint of the chain's head to today's file (created 0600), one line of JSON written
 * with one append, so processes sharing the folder do not mix their lines. Returns what it wrote.
 */
export async function writeAuditCheckpoint(
  db: Db,
  chainKey: Buffer,
  dir: string,
  now: Date,
): Promise<StoredCheckpoint> {
  const head = await chainHead(db);
  const checkpoint: AuditCheckpoint = { ...head, at: now.toISOString() };
  const mac = hmacSm3(auditKeys(chainKey).checkpoint, signed(checkpoint));
  const file = `${shanghaiDate(now)}.jsonl`;
  ownFolder(dir);
  const target = path.join(dir, file);
  const handle = await fs.promises.open(target, 'a', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.appendFile(`${JSON.stringify({ v: 1, ...checkpoint, mac })}\n`);
  } finally {
    await handle.close();
  }
  const line = (await fs.promises.readFile(target, 'utf8')).trimEnd().split('\n').length;
  return { ...checkpoint, file, line };
}

/** Deletes the day files older than `keepDays` days before today. Returns the files it deleted. */
export async function pruneAuditCheckpoints(config: CheckpointConfig, now: Date) {
  const oldest = addDays(shanghaiDate(now), -config.keepDays);
  const names = fs.existsSync(config.dir) ? await fs.promises.readdir(config.dir) : [];
  const old = names.filter((n) => (FILE.exec(n)?.[1] ?? '9999') < oldest);
  for (const name of old) await fs.promises.rm(path.join(config.dir, name), { force: true });
  return old;
}

export type CheckpointReading = {
  /** Every line whose signature holds, oldest file first. */
  valid: StoredCheckpoint[];
  /** Lines that are not a checkpoint this key signed (altered, forged, or cut). */
  invalid: { file: string; line: number }[];
};

/** Reads and checks every checkpoint in the folder. */
export async function readAuditCheckpoints(
  chainKey: Buffer,
  dir: string,
): Promise<CheckpointReading> {
  const key = auditKeys(chainKey).checkpoint;
  const reading: CheckpointReading = { valid: [], invalid: [] };
  if (!fs.existsSync(dir)) return reading;
  const files = (await fs.promises.readdir(dir)).filter((n) => FILE.test(n)).sort();
  for (const file of files) {
    const lines = (await fs.promises.readFile(path.join(dir, file), 'utf8')).split('\n');
    lines.forEach((text, i) => {
      if (text.trim() === '' && i === lines.length - 1) return;
      const c = parseLine(text);
      if (c && sameMac(hmacSm3(key, signed(c)), c.mac))
        reading.valid.push({ seq: c.seq, hash: c.hash, at: c.at, file, line: i + 1 });
      else reading.invalid.push({ file, line: i + 1 });
    });
  }
  return reading;
}

function parseLine(text: string): (AuditCheckpoint & { mac: string }) | null {
  try {
    const c = JSON.parse(text) as Record<string, unknown>;
    const { seq, hash, at, mac } = c;
    if (c.v !== 1 || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
    if (typeof hash !== 'string' || typeof at !== 'string' || typeof mac !== 'string') return null;
    return { seq, hash, at, mac };
  } catch {
    return null;
  }
}
