import type { FormInstance } from 'antd';
import { isApiError } from '../../../shared/api.ts';
import { errorMessage } from '../../../shared/errors.ts';

/**
 * Puts the server's field errors (`error.fields[].field` = the body field's name) next to the
 * fields of the form. Returns the message to show above the form when no field took it, else null.
 * `rename` maps a server field name onto a form field name where they differ.
 *
 * A field error that is the error itself (same code) shows the error's message: the field's own
 * label is already beside it, and the field message repeats the server's label for it.
 */
export function applyServerErrors(
  form: FormInstance,
  err: unknown,
  formFields: readonly string[],
  rename: Record<string, string> = {},
): string | null {
  if (!isApiError(err) || err.fields.length === 0) return errorMessage(err);
  const known = new Set(formFields);
  const byField = new Map<string, string[]>();
  for (const f of err.fields) {
    const name = rename[f.field] ?? f.field;
    if (!known.has(name)) continue;
    const message = f.code === err.code && err.message ? err.message : f.message;
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  if (byField.size === 0) return errorMessage(err);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  // errors that name a field the form lacks still need to be seen
  const unplaced = err.fields.filter((f) => !known.has(rename[f.field] ?? f.field));
  return unplaced.length ? unplaced.map((f) => f.message).join('；') : null;
}
