/**
 * The one date input of the app. It takes a day typed the usual Chinese ways
 * (2026-3-10, 2026.3.10, 2026/3/10, 20260310, 2026年3月10日, full-width digits)
 * through the same parser as the import (electron/domain/date-input.ts), shows
 * what it understood below the box, and on anything else keeps the typed text
 * with a red message. It never falls back to today or to the previous value.
 *
 * In a Form.Item the value is the committed text: 'YYYY-MM-DD' when understood,
 * the typed text when not (so the form's `dateRules` refuse to save it), null
 * when empty. Commit happens on blur, Enter, or a pick in the calendar.
 * Standalone (filters), only understood days and null reach onChange and the
 * component shows its own red message.
 */
import { CalendarOutlined } from '@ant-design/icons';
import { Button, Calendar, Input, Popover, Typography } from 'antd';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_INPUT_MAX_YEAR, DATE_INPUT_MIN_YEAR, isAfterToday, parseDateInput, type DateProblem } from '#domain/date-input';
import { DAY_FORMAT } from './format';

interface Props {
  id?: string;
  value?: string | null;
  onChange?(value: string | null): void;
  /** outside a Form.Item: show the problem here and pass on only understood days */
  standalone?: boolean;
  /** days after this one are greyed out in the calendar (the rule itself is in dateRules) */
  notAfter?: string;
  notBefore?: string;
  allowClear?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

/** The problem with a typed date in the UI language. */
export function dateProblemText(t: TFunction, problem: DateProblem, typed: string): string {
  return t(`entry.date.problem.${problem}`, { typed, min: DATE_INPUT_MIN_YEAR, max: DATE_INPUT_MAX_YEAR });
}

export function DateInput(props: Props) {
  const { t } = useTranslation();
  const { value = null, onChange, standalone = false } = props;
  const [text, setText] = useState(value ?? '');
  const [problem, setProblem] = useState<DateProblem | null>(null);
  const [picking, setPicking] = useState(false);
  const committed = useRef(value);

  // a value set from outside (form reset, a default that follows another field) replaces the text
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value ?? '');
      setProblem(null);
    }
  }, [value]);

  const emit = (next: string | null) => {
    if (next === committed.current) return;
    committed.current = next;
    onChange?.(next);
  };

  const commit = (typed: string) => {
    const r = parseDateInput(typed);
    if (r.ok) {
      setText(r.day);
      setProblem(null);
      emit(r.day);
    } else if (r.problem === 'empty') {
      setText('');
      setProblem(null);
      emit(null);
    } else {
      setProblem(r.problem);
      if (!standalone) emit(typed);
    }
  };

  const live = parseDateInput(text);
  const understood = live.ok ? dayjs(live.day, DAY_FORMAT) : null;
  const invalidHere = standalone && problem !== null;
  const pick = (
    <Calendar
      fullscreen={false}
      value={understood ?? undefined}
      disabledDate={(d) => {
        const day = d.format(DAY_FORMAT);
        return (props.notAfter !== undefined && isAfterToday(day, props.notAfter)) || (props.notBefore !== undefined && day < props.notBefore);
      }}
      onSelect={(d, info) => {
        if (info.source !== 'date' && info.source !== 'customize') return;
        setPicking(false);
        setText(d.format(DAY_FORMAT));
        commit(d.format(DAY_FORMAT));
      }}
    />
  );

  return (
    <div style={props.style} className="date-input">
      <Input
        id={props.id}
        value={text}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        placeholder={props.placeholder ?? t('entry.date.placeholder')}
        allowClear={props.allowClear}
        status={invalidHere ? 'error' : undefined}
        aria-label={props['aria-label']}
        aria-invalid={invalidHere || props['aria-invalid'] === true || props['aria-invalid'] === 'true'}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
          // the clear button: commit at once
          if (e.type !== 'change' && e.target.value === '') commit('');
        }}
        onBlur={(e) => commit(e.target.value)}
        onPressEnter={(e) => commit(e.currentTarget.value)}
        suffix={
          <Popover content={pick} trigger="click" open={picking} onOpenChange={setPicking} placement="bottomRight" destroyOnHidden>
            <Button
              type="text"
              size="small"
              icon={<CalendarOutlined />}
              aria-label={t('entry.date.pick')}
              disabled={props.disabled}
              tabIndex={-1}
              style={{ height: 20, width: 20, minWidth: 20 }}
            />
          </Popover>
        }
      />
      {understood && text.trim() !== '' ? (
        <Typography.Text type="secondary" className="date-input-understood" style={{ fontSize: 12 }}>
          {t('entry.date.understood', { date: understood.format(t('entry.date.understoodFormat')) })}
        </Typography.Text>
      ) : null}
      {invalidHere ? (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 12, display: 'block' }}>
          {dateProblemText(t, problem, text)}
        </Typography.Text>
      ) : null}
    </div>
  );
}

interface RuleOptions {
  /** the field's label: empty is refused with "请填写…" */
  required?: string;
  /** business dates: not after today (app.info's today); due dates leave it out */
  notAfter?: string;
  /** not before another day of the record, e.g. 收件日期 */
  notBefore?: { day: string | null | undefined; what: string };
}

/** The form rules of a DateInput field: required, readable, and (for business dates) not after today. */
export function dateRules(t: TFunction, options: RuleOptions = {}): FormRule[] {
  return [
    {
      validator(_, value: string | null | undefined) {
        if (value === null || value === undefined || value.trim() === '') {
          return options.required ? Promise.reject(new Error(t('validation.required', { field: options.required }))) : Promise.resolve();
        }
        const r = parseDateInput(value);
        if (!r.ok) return Promise.reject(new Error(dateProblemText(t, r.problem, value)));
        if (options.notAfter && isAfterToday(r.day, options.notAfter)) {
          return Promise.reject(new Error(t('entry.date.future', { today: options.notAfter })));
        }
        const before = options.notBefore;
        if (before?.day && r.day < before.day) {
          return Promise.reject(new Error(t('entry.date.before', { what: before.what, day: before.day })));
        }
        return Promise.resolve();
      },
    },
  ];
}
