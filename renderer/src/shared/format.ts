/** Dates as the office writes them: calendar days "2025-03-01", instants in Beijing time. */
import dayjs, { type Dayjs } from 'dayjs';

/** Made when first needed: a formatter with a time zone loads ICU's zone data, some 80 ms that the first screen does not need. */
let instantFormat: Intl.DateTimeFormat | null = null;
function instantFormatter(): Intl.DateTimeFormat {
  instantFormat ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return instantFormat;
}

export const DAY_FORMAT = 'YYYY-MM-DD';

/** "2025-06-10T02:00:00.000Z" → "2025-06-10 10:00" (Asia/Shanghai) */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : instantFormatter().format(d);
}

export function toDay(value: Dayjs | null | undefined): string | null {
  return value && value.isValid() ? value.format(DAY_FORMAT) : null;
}

export function fromDay(day: string | null | undefined): Dayjs | null {
  if (!day) return null;
  const d = dayjs(day, DAY_FORMAT);
  return d.isValid() ? d : null;
}

/** The category's name in the UI language (English falls back to the Chinese name). */
export function categoryName(c: { nameZh?: string; nameEn?: string; categoryName?: string; categoryNameEn?: string }, lang: string): string {
  const zh = c.nameZh ?? c.categoryName ?? '';
  const en = c.nameEn ?? c.categoryNameEn ?? '';
  return lang === 'en' && en ? en : zh;
}

/** A file's size the way file managers show it: 812 B, 14.2 KB, 3.5 MB, 50 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const one = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (bytes < 1024 * 1024) return `${one(bytes / 1024)} KB`;
  return `${one(bytes / 1024 / 1024)} MB`;
}
