import { Month } from '../../../../../server/modules/rosters/contract.ts';
import { currentLanguage } from '../../../../shared/i18n.ts';

/** `YYYY-MM` of a moment in Asia/Shanghai (the server's calendar), whatever the browser's zone. */
export function monthOf(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

export const currentMonth = () => monthOf(new Date());

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A month from the URL, or the current one when it is missing or not a month. */
export function monthParam(value: string | undefined): string {
  return Month.safeParse(value).success ? (value as string) : currentMonth();
}

/** 2026年5月 / May 2026. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(currentLanguage(), {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
