/**
 * The register/edit form's values, their conversion to the contract's input,
 * and the three-way merge used after a conflicting save (base = the version the
 * form was loaded from, mine = what is typed, theirs = the latest version).
 */
import type { InputOf } from '#contract/contract';
import type { Secrecy } from '#domain/secrecy';
import type { ConsultationDetail } from '#domain/types';

export const FORM_FIELDS = [
  'title',
  'categoryId',
  'departmentId',
  'requester',
  'receivedOn',
  'dueOn',
  'itemCount',
  'description',
  'note',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FormValues {
  title: string;
  categoryId?: number;
  departmentId?: number;
  requester: string;
  /** 'YYYY-MM-DD', or the typed text DateInput could not read (the form's rules refuse it) */
  receivedOn: string | null;
  dueOn: string | null;
  itemCount: number | null;
  description: string;
  note: string;
  /** 密级: set at registration only (the register form shows it; an edit does not change it) */
  secrecy?: Secrecy;
}

export type ConsultationFields = InputOf<'consultations.create'>;

/** The fields as the contract wants them (after the form's own validation passed). */
export function toInput(v: FormValues): ConsultationFields {
  return {
    title: (v.title ?? '').trim(),
    categoryId: v.categoryId ?? 0,
    departmentId: v.departmentId ?? 0,
    requester: (v.requester ?? '').trim(),
    receivedOn: v.receivedOn ?? '',
    dueOn: v.dueOn || null,
    itemCount: v.itemCount ?? 0,
    description: v.description ?? '',
    note: v.note ?? '',
  };
}

export function fromFields(f: ConsultationFields): FormValues {
  return {
    title: f.title,
    categoryId: f.categoryId || undefined,
    departmentId: f.departmentId || undefined,
    requester: f.requester ?? '',
    receivedOn: f.receivedOn,
    dueOn: f.dueOn ?? null,
    itemCount: f.itemCount,
    description: f.description ?? '',
    note: f.note ?? '',
  };
}

export function fieldsOf(d: ConsultationDetail): ConsultationFields {
  return {
    title: d.title,
    categoryId: d.categoryId,
    departmentId: d.departmentId,
    requester: d.requester,
    receivedOn: d.receivedOn,
    dueOn: d.dueOn,
    itemCount: d.itemCount,
    description: d.description,
    note: d.note,
  };
}

/** A blank form: 收件日期 today (or kept), 项数 1, 办理时限 as the service suggests for that day. */
export function newDefaults(today: string, suggestedDue: string | null, keep: Partial<FormValues> = {}): FormValues {
  return {
    title: '',
    categoryId: keep.categoryId,
    departmentId: keep.departmentId,
    requester: keep.requester ?? '',
    receivedOn: keep.receivedOn ?? today,
    dueOn: suggestedDue,
    itemCount: 1,
    description: '',
    note: '',
    secrecy: 'none',
  };
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

export interface MergeResult {
  merged: ConsultationFields;
  /** changed only by someone else: taken from theirs */
  takenFromTheirs: FormField[];
  /** changed by both, differently: mine kept, theirs offered */
  clashes: FormField[];
}

export function mergeFields(base: ConsultationFields, mine: ConsultationFields, theirs: ConsultationFields): MergeResult {
  const merged = { ...mine } as Record<FormField, unknown>;
  const takenFromTheirs: FormField[] = [];
  const clashes: FormField[] = [];
  for (const f of FORM_FIELDS) {
    const b = base[f];
    const m = mine[f];
    const t = theirs[f];
    if (same(m, t) || same(t, b)) continue;
    if (same(m, b)) {
      merged[f] = t;
      takenFromTheirs.push(f);
    } else {
      clashes.push(f);
    }
  }
  return { merged: merged as ConsultationFields, takenFromTheirs, clashes };
}
