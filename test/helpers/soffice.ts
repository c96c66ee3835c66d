/** LibreOffice and poppler for the tests that open an export as a user's office suite would. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A command on PATH (Debian: libreoffice-calc, libreoffice-writer, poppler-utils; `.ci/run` installs them). */
export function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of process.platform === 'win32' ? ['.exe', '.com', ''] : ['']) {
      const candidate = path.join(dir, command + ext);
      if (dir && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
  }
  throw new Error(`${command} is not on PATH: apt-get install -y libreoffice-calc libreoffice-writer poppler-utils (see README, "Run the tests")`);
}

/**
 * `soffice --headless --convert-to pdf` of `file` into `dir` (with a profile of its own, so a
 * LibreOffice the user has open does not take the job); the PDF's path.
 */
export function convertToPdf(file: string, dir: string): string {
  execFileSync(onPath('soffice'), [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
    timeout: 120_000,
    stdio: 'pipe',
  });
  return path.join(dir, `${path.basename(file, path.extname(file))}.pdf`);
}

/** The PDF's first page as a PNG at `target` (pdftoppm, 80 dpi). */
export function firstPageToPng(pdf: string, target: string): void {
  const prefix = target.replace(/\.png$/, '');
  execFileSync(onPath('pdftoppm'), ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, prefix], { timeout: 60_000, stdio: 'pipe' });
}
