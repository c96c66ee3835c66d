/**
 * Opening files the way a user's office suite does: LibreOffice converts a
 * DOCX/XLSX to PDF (headless, a profile of its own so a LibreOffice the user
 * has open does not take the job), poppler reads the PDF back as text, pages
 * and pictures. Debian: libreoffice-calc libreoffice-writer poppler-utils
 * (`.ci/run` installs them).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A command on PATH, or a clear error naming the packages to install. */
export function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of process.platform === 'win32' ? ['.exe', '.com', ''] : ['']) {
      const candidate = path.join(dir, command + ext);
      if (dir && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
  }
  throw new Error(`${command} is not on PATH: apt-get install -y libreoffice-calc libreoffice-writer poppler-utils (see README, "Run the tests")`);
}

/** LibreOffice's PDF of `file`, written next to it (same name, .pdf); returns its path. */
export function officeToPdf(file: string): string {
  const dir = path.dirname(file);
  execFileSync(onPath('soffice'), [`-env:UserInstallation=${pathToFileURL(path.join(dir, '.office-profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
    timeout: 120_000,
    stdio: 'pipe',
  });
  const pdf = path.join(dir, `${path.basename(file, path.extname(file))}.pdf`);
  if (!fs.existsSync(pdf) || fs.readFileSync(pdf).subarray(0, 5).toString() !== '%PDF-') throw new Error(`LibreOffice did not convert ${file}`);
  return pdf;
}

/** The text of each page of a PDF (pdftotext; pages split at form feeds). */
export function pdfPages(pdf: string, layout = false): string[] {
  const text = execFileSync(onPath('pdftotext'), [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The first page as a PNG at `dpi`, written to `png`. */
export function pdfFirstPagePng(pdf: string, png: string, dpi = 60): string {
  const base = png.replace(/\.png$/, '');
  execFileSync(onPath('pdftoppm'), ['-png', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', pdf, base]);
  return `${base}.png`;
}
