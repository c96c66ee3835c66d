/**
 * counsel-ledger package | receive — exchange packages with counsel (docs/EXCHANGE.md).
 *   package --db FILE --counsel N [--items 1,2] --out F [--confirm-work-secret]
 *   receive --db FILE PACKAGE [--commit] [--resolve 12=import,13=skip]
 * The office key's password: --password-file FILE (its first line), or COUNSEL_LEDGER_KEY_PASSWORD.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONCLUSION_ZH } from '#domain/labels';
import type { Caller } from '../../services/context';
import { makeReviewPackage, receiveReply, type Resolution } from '../../services/exchange/office';
import { SECRECY_ZH } from '#domain/secrecy';
import { parseCommandArgs } from '../args';
import { CliError, usageError, type CliIo } from '../io';
import { cliContext, withWritableLedger } from '../ledger';
import type { Command } from './types';

/** Packages are the registrar's work. */
const CLI_EXCHANGE_CALLER: Caller = { username: 'cli', displayName: '命令行', roles: ['registrar'] };

const PACKAGE_USAGE =
  '用法：counsel-ledger package --db 数据库文件 --counsel 法律顾问编号 [--items 1,2] --out 送审包.clpkg [--confirm-work-secret] [--password-file 口令文件]\n' +
  '（不指定 --items 时，打包该法律顾问名下所有待出具意见的事项；机关端密钥的口令取自 --password-file 的第一行或环境变量 COUNSEL_LEDGER_KEY_PASSWORD）';
const RECEIVE_USAGE =
  '用法：counsel-ledger receive --db 数据库文件 回复包.clpkg [--commit] [--resolve 事项编号=import|skip,...] [--password-file 口令文件]\n' +
  '（默认只检查并预览，不写入；--commit 才导入。送审包生成后被改动过的事项须用 --resolve 逐项选择：import 导入回复（两段文字都保留在历史中），skip 不导入）';

type Options = Record<string, { type: 'string' | 'boolean' }>;
function parse(argv: string[], usage: string, options: Options, positionals = false): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  return parseCommandArgs(argv, usage, options, positionals) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

function password(values: Record<string, unknown>, io: CliIo): string {
  const file = values['password-file'];
  if (typeof file === 'string') {
    const full = path.resolve(io.cwd, file);
    if (!fs.existsSync(full)) throw new CliError(`找不到口令文件：${full}`);
    return fs.readFileSync(full, 'utf8').split(/\r?\n/)[0] ?? '';
  }
  const env = process.env.COUNSEL_LEDGER_KEY_PASSWORD;
  if (!env) throw usageError('需要机关端密钥的口令：请用 --password-file 指定口令文件，或设置环境变量 COUNSEL_LEDGER_KEY_PASSWORD');
  return env;
}

function positiveInt(text: string, what: string, usage: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(text.trim())) throw usageError(`${what}应为正整数：${text}\n\n${usage}`);
  return Number(text.trim());
}

export const packageCommand: Command = {
  summary: '生成送审包：把分派给一位法律顾问的事项加密打包（只有该顾问能打开）',
  usage: PACKAGE_USAGE,
  async run(argv, io) {
    const { values } = parse(argv, PACKAGE_USAGE, {
      db: { type: 'string' },
      counsel: { type: 'string' },
      items: { type: 'string' },
      out: { type: 'string' },
      'confirm-work-secret': { type: 'boolean' },
      'password-file': { type: 'string' },
    });
    if (!values.db || !values.counsel || !values.out) throw usageError(`缺少 --db、--counsel 或 --out\n\n${PACKAGE_USAGE}`);
    const counselId = positiveInt(String(values.counsel), '--counsel', PACKAGE_USAGE);
    const itemIds = typeof values.items === 'string' ? values.items.split(',').map((s: string) => positiveInt(s, '--items', PACKAGE_USAGE)) : undefined;
    const out = path.resolve(io.cwd, String(values.out));
    if (fs.existsSync(out)) throw usageError(`--out 指向的文件已存在，不会覆盖：${out}`);
    const pw = password(values, io);
    return withWritableLedger(String(values.db), io, 'cli package', (ledger) => {
      const made = makeReviewPackage(cliContext(ledger, io, CLI_EXCHANGE_CALLER), {
        counselId,
        itemIds,
        out,
        password: pw,
        confirmWorkSecret: values['confirm-work-secret'] === true,
      });
      io.out(`已生成送审包：${made.file}（${(made.size / 1024).toFixed(0)} KB）\n`);
      io.out(`收件人：${made.counsel.name}（公钥指纹 ${made.counsel.fingerprint}）\n`);
      for (const i of made.items) io.out(`  ${i.serialNo}  ${i.title}  密级：${SECRECY_ZH[i.secrecy]}  材料 ${i.files} 个\n`);
      return 0;
    });
  },
};

function resolutions(text: string | undefined): Record<number, Resolution> {
  const out: Record<number, Resolution> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const m = /^\s*([1-9][0-9]{0,9})\s*=\s*(import|skip)\s*$/.exec(part);
    if (!m) throw usageError(`--resolve 的写法应为 事项编号=import 或 事项编号=skip：${part}\n\n${RECEIVE_USAGE}`);
    out[Number(m[1])] = m[2] as Resolution;
  }
  return out;
}

const ACTION_ZH = { addRound: '新增一轮意见', replaceOfficeRound: '替换机关端录入的意见（原文保留在历史中）', skip: '不导入', unresolved: '冲突，待选择' } as const;

export const receiveCommand: Command = {
  summary: '导入回复包：验证签名、解密并预览；加 --commit 才写入',
  usage: RECEIVE_USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      RECEIVE_USAGE,
      { db: { type: 'string' }, commit: { type: 'boolean' }, resolve: { type: 'string' }, 'password-file': { type: 'string' } },
      true,
    );
    if (!values.db || positionals.length !== 1) throw usageError(`请用 --db 指定数据库文件，并给出一个回复包文件\n\n${RECEIVE_USAGE}`);
    const file = path.resolve(io.cwd, positionals[0]!);
    if (!fs.existsSync(file)) throw new CliError(`找不到回复包文件：${file}`);
    const chosen = resolutions(typeof values.resolve === 'string' ? values.resolve : undefined);
    const pw = password(values, io);
    const commit = values.commit === true;
    return withWritableLedger(String(values.db), io, 'cli receive', (ledger) => {
      const r = receiveReply(cliContext(ledger, io, CLI_EXCHANGE_CALLER), { file, password: pw, commit, resolutions: chosen });
      io.out(`回复包：${r.counsel.name}（公钥指纹 ${r.counsel.fingerprint}），${r.createdAt.slice(0, 10)} 生成，签名有效\n`);
      for (const row of r.rows) {
        io.out(`  ${row.serialNo}  ${row.title}：${CONCLUSION_ZH[row.conclusion]}，${row.issuedOn}，附件 ${row.files.length} 个 → ${ACTION_ZH[row.action]}\n`);
        if (row.conflict) io.out(`    送审包生成后机关端改动过此事项（版本 ${row.conflict.packagedVersion} → ${row.conflict.currentVersion}）\n`);
      }
      io.out(r.committed ? `已导入 ${r.rows.filter((x) => x.action !== 'skip').length} 份意见。\n` : '以上为预览，未写入任何内容；确认无误后加 --commit 导入。\n');
      return 0;
    });
  },
};
