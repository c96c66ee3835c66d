/**
 * What the user has decided in the wizard: the worksheet, the header row, the
 * corrections of the column mapping and the answers for unknown names. Sent
 * whole with every preview and with the commit (the main process re-applies
 * them to the file it keeps), so the dry run and the import agree.
 */
import type { ImportField } from '#domain/import-fields';
import type { ImportNameChoice, ImportOptions } from '#contract/import-contract';

export interface ImportChoices {
  sheet?: string;
  headerRow?: number;
  mapping: { column: number; field: ImportField | null }[];
  departments: ImportNameChoice[];
  counsels: ImportNameChoice[];
  categories: { name: string; categoryId: number }[];
  createMissing: boolean;
}

export const NO_CHOICES: ImportChoices = { mapping: [], departments: [], counsels: [], categories: [], createMissing: false };

/** The options of import.preview / import.commit; empty lists are left out. */
export function toOptions(c: ImportChoices): ImportOptions {
  return {
    ...(c.sheet ? { sheet: c.sheet } : {}),
    ...(c.headerRow ? { headerRow: c.headerRow } : {}),
    ...(c.mapping.length ? { mapping: c.mapping } : {}),
    ...(c.departments.length ? { departments: c.departments } : {}),
    ...(c.counsels.length ? { counsels: c.counsels } : {}),
    ...(c.categories.length ? { categories: c.categories } : {}),
    ...(c.createMissing ? { createMissing: true } : {}),
  };
}

/** Another worksheet or header row means other columns: the column corrections no longer apply. */
export function withSource(c: ImportChoices, source: { sheet?: string; headerRow?: number }): ImportChoices {
  return { ...c, ...source, mapping: [] };
}

export function withColumn(c: ImportChoices, column: number, field: ImportField | null): ImportChoices {
  return { ...c, mapping: [...c.mapping.filter((m) => m.column !== column), { column, field }] };
}

/** value: 'create', or the id of an existing entry to map to; undefined: undecided again. */
export function withName(c: ImportChoices, kind: 'departments' | 'counsels', name: string, value: 'create' | number | undefined): ImportChoices {
  const rest = c[kind].filter((x) => x.name !== name);
  if (value === undefined) return { ...c, [kind]: rest };
  const choice: ImportNameChoice = value === 'create' ? { name, action: 'create' } : { name, action: 'map', id: value };
  return { ...c, [kind]: [...rest, choice] };
}

export function withCategory(c: ImportChoices, name: string, categoryId: number | undefined): ImportChoices {
  const rest = c.categories.filter((x) => x.name !== name);
  return { ...c, categories: categoryId === undefined ? rest : [...rest, { name, categoryId }] };
}
