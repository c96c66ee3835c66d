/**
 * The names a ledger uses for categories, divisions and counsel, matched to
 * what the database has. Inactive entries match too: an old ledger names the
 * counsel of past engagements and divisions since renamed. What does not match
 * is listed, with similar existing names, for the caller to decide: create, or
 * map to an existing one (categories: map only; creating them is the admin's).
 */
import type Database from 'better-sqlite3';
import type { ImportCategoryEntry, ImportNameChoice, ImportNameEntry, ImportNameRef } from '#contract/import-contract';
import { CATEGORY_KEYWORDS, CATEGORY_SYNONYMS } from './fields';
import { matchKey } from './text';

interface Named {
  id: number;
  name: string;
  active: boolean;
  key: string;
}
interface CategoryRow extends Named {
  code: string;
  /** 制度建设（规范性文件） → 制度建设 */
  shortKey: string;
}
interface CounselRow extends Named {
  firm: string;
}

export interface Catalog {
  categories: CategoryRow[];
  departments: Named[];
  counsels: CounselRow[];
}

export function loadCatalog(sqlite: Database.Database): Catalog {
  const cats = sqlite.prepare('SELECT id, code, name_zh AS name, active FROM categories ORDER BY sort_order, id').all() as {
    id: number;
    code: string;
    name: string;
    active: number;
  }[];
  const depts = sqlite.prepare('SELECT id, name, active FROM departments ORDER BY sort_order, id').all() as { id: number; name: string; active: number }[];
  const counsels = sqlite.prepare('SELECT id, name, firm, active FROM counsels ORDER BY id').all() as {
    id: number;
    name: string;
    firm: string;
    active: number;
  }[];
  return {
    categories: cats.map((c) => ({
      ...c,
      active: Boolean(c.active),
      key: matchKey(c.name),
      shortKey: matchKey(c.name.replace(/[（(].*[)）]\s*$/, '')),
    })),
    departments: depts.map((d) => ({ ...d, active: Boolean(d.active), key: matchKey(d.name) })),
    counsels: counsels.map((c) => ({ ...c, active: Boolean(c.active), key: matchKey(c.name) })),
  };
}

const ref = (n: Named): ImportNameRef => ({ id: n.id, name: n.name, active: n.active });

/** Existing names that contain, or are contained in, the given one (法规处 ~ 政策法规处). */
function similar<T extends Named>(list: readonly T[], key: string, limit = 5): ImportNameRef[] {
  if (!key) return [];
  return list.filter((n) => n.key !== key && (n.key.includes(key) || key.includes(n.key))).slice(0, limit).map(ref);
}

export type CategoryMatch = NonNullable<ImportCategoryEntry['match']>;

/**
 * A category for the text of a 类别 cell: the caller's choice, the name, the
 * code, the short name, a built-in variant, or the one category whose keywords
 * the text contains. null: unknown.
 */
export function matchCategory(catalog: Catalog, text: string, choices: ReadonlyMap<string, number>): CategoryMatch | null {
  const key = matchKey(text);
  const chosen = choices.get(key);
  if (chosen !== undefined) {
    const c = catalog.categories.find((x) => x.id === chosen);
    return c ? { ...ref(c), via: 'choice' } : null;
  }
  const byName = catalog.categories.find((c) => c.key === key);
  if (byName) return { ...ref(byName), via: 'name' };
  const byCode = catalog.categories.find((c) => c.code.toLowerCase() === key);
  if (byCode) return { ...ref(byCode), via: 'code' };
  const byShort = catalog.categories.filter((c) => c.shortKey === key);
  if (byShort.length === 1) return { ...ref(byShort[0]!), via: 'name' };
  const code = synonymCode(key);
  const byCodeOfSynonym = code ? catalog.categories.find((c) => c.code === code) : undefined;
  return byCodeOfSynonym ? { ...ref(byCodeOfSynonym), via: 'synonym' } : null;
}

function synonymCode(key: string): string | null {
  for (const [code, words] of Object.entries(CATEGORY_SYNONYMS)) {
    if (words.some((w) => matchKey(w) === key)) return code;
  }
  const pointed = Object.entries(CATEGORY_KEYWORDS)
    .filter(([, words]) => words.some((w) => key.includes(w)))
    .map(([code]) => code);
  return pointed.length === 1 ? pointed[0]! : null;
}

export function categorySuggestions(catalog: Catalog, text: string): ImportNameRef[] {
  const key = matchKey(text);
  return catalog.categories.filter((c) => c.shortKey && (c.shortKey.includes(key) || key.includes(c.shortKey))).slice(0, 5).map(ref);
}

/** What the caller said about one name, looked up by its key. */
export function choiceFor(choices: readonly ImportNameChoice[] | undefined, key: string): ImportNameChoice | undefined {
  return choices?.find((c) => matchKey(c.name) === key);
}

export interface NameUse {
  /** as first written in the file */
  name: string;
  key: string;
  firm: string | null;
  rows: number[];
}

type Resolution = { entries: ImportNameEntry[]; problems: string[] };
type EntryBase = Omit<ImportNameEntry, 'match' | 'resolution' | 'targetId'>;

/** Decides each name used in the file; `decide` adds the problems (in Chinese) of choices that cannot be followed. */
function resolveEach(uses: readonly NameUse[], decide: (u: NameUse, problems: string[]) => ImportNameEntry): Resolution {
  const problems: string[] = [];
  return { entries: uses.map((u) => decide(u, problems)), problems };
}

/** The caller mapped the name onto an existing entry: a problem when that entry is not there. */
function mapped(base: EntryBase, match: Named | null, target: Named | undefined, problems: string[], missing: string): ImportNameEntry {
  if (!target) problems.push(missing);
  return { ...base, match: match && ref(match), resolution: target ? 'map' : 'unresolved', targetId: target?.id ?? null };
}

/**
 * Decide each division named in the file. A problem (in Chinese) is returned
 * for a choice that names no existing entry.
 */
export function resolveDepartments(catalog: Catalog, uses: readonly NameUse[], choices: readonly ImportNameChoice[] | undefined, createMissing: boolean): Resolution {
  return resolveEach(uses, (u, problems) => {
    const match = catalog.departments.find((d) => d.key === u.key) ?? null;
    const base = { name: u.name, firm: null, rows: u.rows.length, sampleRows: u.rows.slice(0, 5), suggestions: similar(catalog.departments, u.key) };
    const choice = choiceFor(choices, u.key);
    if (choice?.action === 'map') {
      const target = catalog.departments.find((d) => d.id === choice.id);
      return mapped(base, match, target, problems, `处室“${u.name}”所对应的处室（编号 ${choice.id}）不存在，请重新选择`);
    }
    // an existing division is used even when "create" was asked: names are unique
    if (match) return { ...base, match: ref(match), resolution: 'matched', targetId: match.id };
    if (choice?.action === 'create' || createMissing) return { ...base, match: null, resolution: 'create', targetId: null };
    return { ...base, match: null, resolution: 'unresolved', targetId: null };
  });
}

/** Counsel are matched by name, and by firm too when the name is not unique. */
export function resolveCounsels(catalog: Catalog, uses: readonly NameUse[], choices: readonly ImportNameChoice[] | undefined, createMissing: boolean): Resolution {
  return resolveEach(uses, (u, problems) => {
    const same = catalog.counsels.filter((c) => c.key === u.key);
    const firmKey = u.firm ? matchKey(u.firm) : null;
    const match = same.length === 1 ? same[0]! : (same.find((c) => firmKey !== null && matchKey(c.firm) === firmKey) ?? null);
    const suggestions = same.length > 1 && !match ? same.map(ref) : similar(catalog.counsels, u.key);
    const base = { name: u.name, firm: u.firm, rows: u.rows.length, sampleRows: u.rows.slice(0, 5), suggestions };
    const choice = choiceFor(choices, u.key);
    if (choice?.action === 'map') {
      const target = catalog.counsels.find((c) => c.id === choice.id);
      return mapped(base, match, target, problems, `法律顾问“${u.name}”所对应的顾问（编号 ${choice.id}）不存在，请重新选择`);
    }
    if (match) return { ...base, match: ref(match), resolution: 'matched', targetId: match.id };
    if (choice?.action === 'create' || (createMissing && same.length === 0)) return { ...base, match: null, resolution: 'create', targetId: null };
    if (same.length > 1) problems.push(`顾问名单中有 ${same.length} 位“${u.name}”，请选择对应哪一位`);
    return { ...base, match: null, resolution: 'unresolved', targetId: null };
  });
}
