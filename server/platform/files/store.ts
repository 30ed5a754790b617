import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStoreConfig } from '../../config.ts';

/**
 * Where the bytes of stored files live. One interface for the local data folder (the default) and
 * an S3-compatible object store (MinIO in a private deployment), chosen by configuration.
 * Keys are relative paths of lower-case letters, digits, '.', '-' and '/', as `storageKeys` makes them.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Writes the object whole or not at all. */
  put(key: string, body: Buffer | Readable, contentType: string): Promise<void>;
  /** The object's bytes; throws FileMissingError when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class FileMissingError extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
    this.name = 'FileMissingError';
  }
}

const KEY = /^[0-9a-z][0-9a-z-]*(\/[0-9a-z][0-9a-z.-]*)*$/;

export function assertKey(key: string): void {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key ${key}`);
}

/**
 * The keys of a file: `<yyyy>/<mm>/<id>` for its bytes and `<…>.thumb.webp` for its thumbnail, by
 * the month of its upload (UTC), so that no folder grows past a month's files.
 */
export function storageKeys(id: string, at: Date): { original: string; thumbnail: string } {
  const month = at.toISOString().slice(0, 7).replace('-', '/');
  const original = `${month}/${id.toLowerCase()}`;
  assertKey(original);
  return { original, thumbnail: `${original}.thumb.webp` };
}

/** Files under a folder of the data directory: folders 0700, files 0600, written to a temporary name and renamed. */
export function localFileStore(root: string): FileStore {
  const full = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    kind: 'local',
    async put(key, body) {
      const target = full(key);
      const dir = path.dirname(target);
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = path.join(
        dir,
        `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      try {
        const handle = await fs.promises.open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(body);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(temp, target);
      } catch (err) {
        await fs.promises.rm(temp, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        const handle = await fs.promises.open(full(key), 'r');
        return handle.createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileMissingError(key);
        throw err;
      }
    },
    async delete(key) {
      await fs.promises.rm(full(key), { force: true });
    },
    async exists(key) {
      try {
        return (await fs.promises.stat(full(key))).isFile();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },
  };
}

/** The store the configuration names. */
export async function openFileStore(config: FileStoreConfig): Promise<FileStore> {
  if (config.kind === 'local') return localFileStore(config.root);
  const { s3FileStore } = await import('./s3-store.ts');
  return s3FileStore(config);
}
