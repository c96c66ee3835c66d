/** Counters on limited text fields: the limit from electron/domain/limits.ts, shown as "12 / 200"; text over it is marked, never cut. */
import type { InputProps } from 'antd';

export function textCount(max: number): NonNullable<InputProps['count']> {
  return { show: true, max };
}
