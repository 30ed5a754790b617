import { isApiError } from './api.ts';
import { i18n } from './i18n.ts';

/** A message for the user: the server's own (already in the user's language) or a generic one. */
export function errorMessage(err: unknown): string {
  if (isApiError(err)) {
    if (err.status === 0) return i18n.t('common.networkError');
    if (err.message && err.status < 500) return err.message;
    return err.message || i18n.t('common.unknownError');
  }
  return i18n.t('common.unknownError');
}
