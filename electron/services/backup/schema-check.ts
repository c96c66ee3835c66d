/**
 * Is a file the ledger's whole schema of its version? Compared with a database
 * freshly migrated to the same version in memory: every table (with its
 * columns and constraints), index, trigger and view, by its SQL, and nothing
 * more. A restore refuses anything else (issue 19, finding 8: a file with two
 * empty tables and user_version = 4 was restored and the app could not start).
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../db/migrations.generated';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const normalise = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();

function objects(db: Database.Database): Map<string, SchemaObject> {
  const rows = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as SchemaObject[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, r]));
}

const expectedByVersion = new Map<number, Map<string, SchemaObject>>();

/** The schema migrations 1..version create, built once per version in memory. */
function expectedSchema(version: number): Map<string, SchemaObject> {
  let expected = expectedByVersion.get(version);
  if (!expected) {
    const db = new Database(':memory:');
    try {
      for (const m of MIGRATIONS.slice(0, version)) for (const statement of m.statements) db.exec(statement);
      expected = objects(db);
    } finally {
      db.close();
    }
    expectedByVersion.set(version, expected);
  }
  return expected;
}

/** The first difference from the expected schema, in Chinese, or null when it is the ledger's schema exactly. */
export function schemaProblem(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > MIGRATIONS.length) return `结构版本 ${version} 不是本软件的`;
    const expected = expectedSchema(version);
    const actual = objects(db);
    const label = (o: SchemaObject) => `${{ table: '表', index: '索引', trigger: '触发器', view: '视图' }[o.type] ?? o.type} ${o.name}`;
    for (const [key, want] of expected) {
      const have = actual.get(key);
      if (!have) return `缺少${label(want)}（结构版本 ${version}）`;
      if (normalise(have.sql) !== normalise(want.sql) || have.tbl_name !== want.tbl_name) return `${label(want)}与结构版本 ${version} 的不同`;
    }
    for (const [key, have] of actual) if (!expected.has(key)) return `多出了${label(have)}，不属于结构版本 ${version}`;
    return null;
  } finally {
    db.close();
  }
}
