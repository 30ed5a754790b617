import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDivisionTree } from '../../test/factories.ts';
import { makeStoredPhoto } from '../../test/file-support.ts';
import { createTestApp, HOUR, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/tables.ts';
import {
  attachFile,
  collectUnreferencedFiles,
  detachFile,
  fileCtx,
  filesOf,
  getFileRow,
} from './service.ts';
import { files } from './tables.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof makeDivisionTree>>;
beforeAll(async () => {
  t = await createTestApp();
  tree = await makeDivisionTree(t.db);
});
afterAll(async () => {
  await t?.close();
});

const everywhere = { scope: { divisionCode: null, organisationId: null } };
const inStreet = (i: 0 | 1) => ({
  scope: { divisionCode: tree.streets[i].code, organisationId: null },
});
const stillThere = async (id: string) => {
  const [row] = await t.db.select().from(files).where(eq(files.id, id));
  if (!row) return { row: false, bytes: false };
  return { row: true, bytes: await t.ctx.fileStore.exists(row.storageKey) };
};

describe('attachFile', () => {
  it('references a file of the actor’s scope once however often it is attached', async () => {
    const file = await makeStoredPhoto(t, tree.communities[0][0].code);
    const ref = { entity: 'visit', entityId: 'visit-1' };
    await t.db.transaction(async (tx) => {
      await attachFile(tx, inStreet(0), file.id, ref);
      await attachFile(tx, inStreet(0), file.id, { ...ref, purpose: 'visit_photo' });
    });
    const found = await filesOf(t.db, inStreet(0), 'visit', ['visit-1', 'visit-2']);
    expect(found.get('visit-1')?.map((f) => f.id)).toEqual([file.id]);
    expect(found.has('visit-2')).toBe(false);
    expect((await filesOf(t.db, inStreet(1), 'visit', ['visit-1'])).size).toBe(0);
  });

  it('refuses a file outside the actor’s scope as not found, and a file of another purpose', async () => {
    const file = await makeStoredPhoto(t, tree.communities[0][0].code);
    await expect(
      attachFile(t.db, inStreet(1), file.id, { entity: 'visit', entityId: 'x' }),
    ).rejects.toMatchObject({ code: 'file.not_found' });
    await expect(
      attachFile(t.db, inStreet(0), file.id, {
        entity: 'work_order',
        entityId: 'x',
        purpose: 'work_order_photo',
      }),
    ).rejects.toMatchObject({ code: 'file.purpose_mismatch' });
  });
});

describe('collectUnreferencedFiles', () => {
  it('removes an old file that no record references, row and bytes, keeps a referenced one and a new one', async () => {
    const division = tree.communities[1][1].code;
    const orphan = await makeStoredPhoto(t, division, { seed: 1 });
    const used = await makeStoredPhoto(t, division, { seed: 2 });
    await attachFile(t.db, everywhere, used.id, { entity: 'visit', entityId: 'v-used' });
    const orphanRow = await getFileRow(t.db, everywhere, orphan.id);

    // within the grace period: nothing goes
    const early = await collectUnreferencedFiles(fileCtx(t.ctx), new Date(Date.now() - HOUR));
    expect(early.removed).toBe(0);
    expect(await stillThere(orphan.id)).toEqual({ row: true, bytes: true });

    const later = new Date(Date.now() + HOUR);
    const { removed } = await collectUnreferencedFiles(fileCtx(t.ctx), later);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await stillThere(orphan.id)).toEqual({ row: false, bytes: false });
    expect(await t.ctx.fileStore.exists(orphanRow.thumbnailKey ?? '')).toBe(false);
    expect(await stillThere(used.id)).toEqual({ row: true, bytes: true });
    const actions = await t.db.select().from(auditLog).where(eq(auditLog.entityId, orphan.id));
    expect(actions.map((a) => a.action)).toContain('file.collect');
  });

  it('gives a detached file the grace period again, then collects it', async () => {
    const file = await makeStoredPhoto(t, tree.communities[1][0].code);
    const ref = { entity: 'visit', entityId: 'v-detached' };
    await attachFile(t.db, everywhere, file.id, ref);
    // uploaded long ago (the grace period counts from the upload) …
    await t.db
      .update(files)
      .set({ createdAt: new Date(Date.now() - 48 * HOUR) })
      .where(eq(files.id, file.id));
    await detachFile(t.db, file.id, ref);
    // … but released just now: a cutoff of a day ago keeps it
    await collectUnreferencedFiles(fileCtx(t.ctx), new Date(Date.now() - 24 * HOUR));
    expect((await stillThere(file.id)).row).toBe(true);
    await collectUnreferencedFiles(fileCtx(t.ctx), new Date(Date.now() + HOUR));
    expect((await stillThere(file.id)).row).toBe(false);
  });
});
