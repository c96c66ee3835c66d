/**
 * 项数: a whole number typed in half- or full-width digits (３ is 3). A decimal
 * ("2.5") or anything else is kept as typed and refused by itemCountRules with
 * a message; nothing is rounded.
 */
import { Input } from 'antd';
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { ITEM_COUNT, parseItemCount } from '#domain/limits';

interface Props {
  id?: string;
  value?: number | string | null;
  onChange?(value: number | string | null): void;
}

export function ItemCountInput({ id, value, onChange }: Props) {
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  useEffect(() => {
    const shown = value === null || value === undefined ? '' : String(value);
    setText((typed) => {
      const r = parseItemCount(typed);
      return (r.ok ? r.value : typed) === value ? typed : shown;
    });
  }, [value]);
  return (
    <Input
      id={id}
      value={text}
      inputMode="numeric"
      onChange={(e) => {
        setText(e.target.value);
        const r = parseItemCount(e.target.value);
        onChange?.(r.ok ? r.value : e.target.value === '' ? null : e.target.value);
      }}
    />
  );
}

export function itemCountRules(t: TFunction): FormRule[] {
  return [
    {
      validator(_, value: number | string | null | undefined) {
        const r = parseItemCount(value === null || value === undefined ? '' : String(value));
        if (r.ok) return Promise.resolve();
        return Promise.reject(new Error(t(`entry.itemCount.${r.problem}`, { min: ITEM_COUNT.min, max: ITEM_COUNT.max })));
      },
    },
  ];
}
