import type { Db } from '../../db/client.ts';
import { inScope, type Actor } from '../../platform/access/actor.ts';
import { FileError } from '../../platform/contract/files.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { findDivision } from '../divisions/service.ts';

/**
 * The files module: the upload and download endpoints over platform/files. Other modules call
 * platform/files/service.ts (storeFile, attachFile, findSimilarPhotos …) directly.
 */

/** A file may be uploaded only for a division that exists inside the actor's scope. */
export async function requireDivision(
  db: Db,
  actor: Pick<Actor, 'scope'>,
  code: string,
): Promise<void> {
  if (!inScope(actor, code) || !(await findDivision(db, code)))
    throw new AppError(FileError.division_not_found, {
      fields: [{ field: 'divisionCode', code: FileError.division_not_found }],
    });
}
