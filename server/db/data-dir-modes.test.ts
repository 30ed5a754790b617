import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

/** The embedded database's folder and every file in it belong to the service user only (issue 8 item 10). */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-modes-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Paths whose permission bits are not the owner's only: folders 0700, files 0600. */
function looseModes(dir: string): string[] {
  const entries = [
    { name: dir, isDirectory: () => fs.statSync(dir).isDirectory() },
    ...fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .map((e) => ({ name: path.join(e.parentPath, e.name), isDirectory: () => e.isDirectory() })),
  ];
  return entries
    .map((e) => ({ e, mode: fs.lstatSync(e.name).mode & 0o777 }))
    .filter(({ e, mode }) => mode !== (e.isDirectory() ? 0o700 : 0o600))
    .map(({ e, mode }) => `${path.relative(dir, e.name) || '.'} ${mode.toString(8)}`);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the PGlite data folder', () => {
  it('is 0700 with files 0600 after opening, after new tables are written, and after closing', async () => {
    const dataDir = path.join(root, 'pgdata');
    const database = await openDatabase({ dataDir });
    try {
      expect(fs.readdirSync(dataDir).length).toBeGreaterThan(5);
      expect(looseModes(dataDir)).toEqual([]);
      await database.db.execute(
        sql`create table modes_probe as select repeat('x', 200) as v from generate_series(1, 20000)`,
      );
      await database.db.execute(sql`create index on modes_probe (v)`);
      await database.db.execute(sql`checkpoint`);
      await settle();
      expect(looseModes(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(looseModes(dataDir)).toEqual([]);
  }, 120_000);

  it('takes an existing folder left world-writable back to the owner', async () => {
    const dataDir = path.join(root, 'old');
    await (await openDatabase({ dataDir })).close();
    fs.chmodSync(dataDir, 0o777);
    for (const e of fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }))
      if (e.isFile()) fs.chmodSync(path.join(e.parentPath, e.name), 0o666);
    expect(looseModes(dataDir).length).toBeGreaterThan(100);
    const database = await openDatabase({ dataDir });
    expect(looseModes(dataDir)).toEqual([]);
    await database.close();
  }, 120_000);
});
