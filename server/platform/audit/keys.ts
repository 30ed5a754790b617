import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { deriveKey } from '../sensitive/sensitive.ts';

/**
 * The audit log's keys (ADR 0002, ADR 0010), all HMAC-SM3 and all derived from the chain key, itself
 * a subkey of the master key in the key file: none of them is ever in the database.
 */
export type AuditKeys = {
  /** Links the sealed rows into the chain. */
  chain: Buffer;
  /** Signs a row when the application writes it (its `mac`). */
  row: Buffer;
  /** Signs the checkpoints kept in files. */
  checkpoint: Buffer;
};

const derived = new WeakMap<Buffer, AuditKeys>();

export function auditKeys(chainKey: Buffer): AuditKeys {
  let keys = derived.get(chainKey);
  if (!keys) {
    keys = {
      chain: chainKey,
      row: deriveKey(chainKey, 'audit row mac'),
      checkpoint: deriveKey(chainKey, 'audit checkpoint'),
    };
    derived.set(chainKey, keys);
  }
  return keys;
}

export function hmacSm3(key: Buffer, text: string): string {
  return createHmac('sm3', key).update(text).digest('hex');
}

/** Whether a hex MAC is the expected one, in constant time. */
export function sameMac(expected: string, actual: string | null | undefined): boolean {
  if (typeof actual !== 'string' || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(actual));
}

/**
 * `audit(tx, …)` signs the row it writes with the key of the database it writes to, bound once by
 * the app (`bindAuditKeys` in buildApp), so that the 40-odd callers keep passing just their
 * transaction. Drizzle gives a database and every transaction opened from it one dialect object,
 * which is where the binding is kept.
 */
const bound = new WeakMap<object, AuditKeys>();
const dialectOf = (db: Db): object => (db as unknown as { dialect: object }).dialect;

export function bindAuditKeys(db: Db, chainKey: Buffer): void {
  bound.set(dialectOf(db), auditKeys(chainKey));
}

export function boundAuditKeys(db: Db): AuditKeys {
  const keys = bound.get(dialectOf(db));
  if (!keys) {
    throw new Error('this database has no audit keys: buildApp binds them (bindAuditKeys)');
  }
  return keys;
}
