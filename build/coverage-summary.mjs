#!/usr/bin/env node
/**
 * The coverage summary per folder (npm run coverage), written to
 * coverage/summary.md and printed:
 * - electron/ and db/: lines, from vitest's V8 coverage of the node project
 *   (coverage/node/coverage-summary.json);
 * - renderer/src: from Chromium's V8 coverage recorded by the e2e run
 *   (COVERAGE_E2E=1, coverage/e2e-raw/*.json, test/e2e/coverage.ts), mapped
 *   through the renderer build's source maps: a source position counts as run
 *   when the code generated for it ran in any page of any e2e test. This is
 *   the share of mapped source positions, close to statements, not lines.
 * A part whose data is missing is reported as missing, never as 0 % or 100 %.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SourceMapConsumer } from 'source-map-js';

const root = path.resolve(import.meta.dirname, '..');
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

/** The folder a file is reported under: its own, cut to electron/services/x, db/queries, renderer/src/features/x. */
export function folderOf(file) {
  const dir = file.split('/').slice(0, -1);
  return dir.slice(0, dir[0] === 'renderer' ? 4 : 3).join('/');
}

function addTo(map, key, covered, total) {
  const t = map.get(key) ?? { covered: 0, total: 0 };
  t.covered += covered;
  t.total += total;
  map.set(key, t);
}

const pct = (t) => (t.total === 0 ? '–' : `${((100 * t.covered) / t.total).toFixed(1)} %`);

function table(title, unit, folders) {
  const all = { covered: 0, total: 0 };
  for (const t of folders.values()) {
    all.covered += t.covered;
    all.total += t.total;
  }
  const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, t]) => `| ${f} | ${t.covered} / ${t.total} | ${pct(t)} |`);
  return [`### ${title}`, '', `| folder | ${unit} covered | % |`, '| --- | ---: | ---: |', ...rows, `| **all** | ${all.covered} / ${all.total} | **${pct(all)}** |`, ''].join('\n');
}

function nodePart() {
  const file = path.join(root, 'coverage/node/coverage-summary.json');
  if (!fs.existsSync(file)) return '### electron/ and db/ (unit and integration tests)\n\nmissing: run `npm run coverage` (coverage/node/coverage-summary.json not found)\n';
  const summary = JSON.parse(fs.readFileSync(file, 'utf8'));
  const folders = new Map();
  for (const [abs, s] of Object.entries(summary)) {
    if (abs === 'total') continue;
    addTo(folders, folderOf(rel(abs)), s.lines.covered, s.lines.total);
  }
  return table('electron/ and db/ (unit and integration tests)', 'lines', folders);
}

/** Marks in `counts` every position of a chunk that ran, from V8's nested block ranges (outer first, inner ranges override). */
export function paint(length, functions, counts) {
  const ranges = functions.flatMap((f) => f.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const mine = new Uint8Array(length);
  for (const r of ranges) mine.fill(r.count > 0 ? 1 : 0, r.startOffset, Math.min(r.endOffset, length));
  for (let i = 0; i < length; i++) if (mine[i]) counts[i] = 1;
}

function rendererPart() {
  const rawDir = path.join(root, 'coverage/e2e-raw');
  const assets = path.join(root, 'out/renderer/assets');
  const title = 'renderer/src (e2e run in Chromium)';
  const raws = fs.existsSync(rawDir) ? fs.readdirSync(rawDir).filter((f) => f.endsWith('.json')) : [];
  if (raws.length === 0) return `### ${title}\n\nmissing: run the e2e tests with COVERAGE_E2E=1 after a build with COVERAGE_E2E=1 (coverage/e2e-raw is empty)\n`;
  const run = new Map();
  for (const raw of raws) {
    for (const script of JSON.parse(fs.readFileSync(path.join(rawDir, raw), 'utf8'))) {
      const code = path.join(assets, script.file);
      if (!fs.existsSync(code)) continue;
      // V8's offsets count UTF-16 code units of the script's text, not bytes
      const length = fs.readFileSync(code, 'utf8').length;
      if (!run.has(script.file)) run.set(script.file, new Uint8Array(length));
      paint(length, script.functions, run.get(script.file));
    }
  }
  const files = new Map();
  const chunks = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  let mapped = 0;
  for (const chunk of chunks) {
    const mapFile = path.join(assets, `${chunk}.map`);
    if (!fs.existsSync(mapFile)) continue;
    mapped++;
    const code = fs.readFileSync(path.join(assets, chunk), 'utf8');
    // source maps count UTF-16 columns, as V8's offsets do
    const lineStarts = [0];
    for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const ran = run.get(chunk);
    const consumer = new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
    consumer.eachMapping((m) => {
      if (!m.source) return;
      const source = rel(path.resolve(path.dirname(mapFile), m.source));
      if (!source.startsWith('renderer/src/')) return;
      const offset = lineStarts[m.generatedLine - 1] + m.generatedColumn;
      addTo(files, source, ran && ran[offset] ? 1 : 0, 1);
    });
  }
  if (mapped === 0) return `### ${title}\n\nmissing: out/renderer has no source maps (build with COVERAGE_E2E=1)\n`;
  const folders = new Map();
  for (const [file, t] of files) addTo(folders, folderOf(file), t.covered, t.total);
  return table(title, 'source positions', folders);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = ['## Coverage', '', nodePart(), rendererPart()].join('\n');
  fs.mkdirSync(path.join(root, 'coverage'), { recursive: true });
  fs.writeFileSync(path.join(root, 'coverage/summary.md'), text);
  process.stdout.write(text);
}
