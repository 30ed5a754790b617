import type { TFunction } from 'i18next';
import {
  sourceFields,
  sources,
  type Source,
  type SourceField,
} from '../../../../../server/modules/source-records/contract.ts';

/* The names of the contract's codes from the locale files; a code this build lacks shows as itself. */

const fieldKeys: readonly string[] = sourceFields.map((f) => f.key);

export function sourceName(t: TFunction, code: string): string {
  return (sources as readonly string[]).includes(code)
    ? t(`sources.names.${code as Source}`)
    : code;
}

export function fieldName(t: TFunction, code: string): string {
  return fieldKeys.includes(code) ? t(`sources.fields.${code as SourceField}`) : code;
}

/** A value as shown: the sex code in words, a birth date as the age the server sent, the rest as sent. */
export function valueText(t: TFunction, field: string, value: string): string {
  if (field === 'sex' && (value === 'male' || value === 'female'))
    return t(`subjects.sexes.${value}`);
  if (field === 'birthDate' && /^\d+$/.test(value))
    return t('subjects.ageValue', { age: Number(value) });
  return value;
}
