import { inScope } from '../../platform/access/actor.ts';
import { FileError, type FileView } from '../../platform/contract/files.ts';
import type { FileDownload } from '../../platform/http/download.ts';
import { openFile, storeFile, type StoreFileInput } from '../../platform/files/service.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { findDivision } from '../divisions/service.ts';
import type { FilesContext } from './context.ts';

/**
 * The files module: the upload and download endpoints over platform/files. Other modules call
 * platform/files/service.ts (storeFile, attachFile, findSimilarPhotos …) directly.
 */

/** Stores an upload for a division that exists inside the actor's scope. */
export async function uploadFile(ctx: FilesContext, input: StoreFileInput): Promise<FileView> {
  if (!inScope(ctx.actor, input.divisionCode) || !(await findDivision(ctx.db, input.divisionCode)))
    throw new AppError(FileError.division_not_found, {
      fields: [{ field: 'divisionCode', code: FileError.division_not_found }],
    });
  return storeFile(ctx, ctx.actor, input);
}

/** A file or its thumbnail, inside the actor's scope; audited. */
export function downloadFile(
  ctx: FilesContext,
  input: { id: string; variant: 'original' | 'thumbnail' },
): Promise<FileDownload> {
  return openFile(ctx, ctx.actor, input);
}
