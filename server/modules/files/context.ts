import type { Actor } from '../../platform/access/actor.ts';
import { fileCtx, type FileCtx } from '../../platform/files/service.ts';
import type { AppContext } from '../../platform/http/context.ts';

/** What the files module's use cases work with: platform/files' context (db, store, limits, clock) and who asks. */
export type FilesContext = FileCtx & { actor: Actor };

export const filesContext = (app: AppContext, actor: Actor): FilesContext => ({
  ...fileCtx(app),
  actor,
});
