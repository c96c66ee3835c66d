/**
 * What services need from the desktop, passed in from outside. main.ts supplies
 * the Electron implementation; tests and the browser harness supply theirs.
 * Services never import 'electron'.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PlatformAdapter {
  /** Ask where to save; null when the user cancelled. */
  chooseSavePath(options: { defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Ask for files to open; empty when the user cancelled. */
  chooseOpenPaths(options: { filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /** Ask for a folder (a new one may be made in the dialog); null when the user cancelled. Absent in the CLI. */
  chooseFolder?(options: { title: string; defaultPath?: string }): Promise<string | null>;
  /** Show a file in the system file manager. */
  revealFile(path: string): Promise<void>;
  /** Open a file with the system's default program. */
  openFile(path: string): Promise<void>;
  /**
   * The app's window as a PDF (A4, its print stylesheet), for 导出 PDF, printed
   * with these options (reports/export/pdf.ts pdfPrintOptions: the names
   * Electron's webContents.printToPDF and Chromium's printToPDF share); absent
   * where nothing can render the page (the CLI).
   */
  printToPdf?(options: PdfPrintOptions): Promise<Buffer>;
  /**
   * A page of its own (self-contained HTML, no script), not the window, printed
   * to PDF with these options: the case file's 办理过程记录
   * (documents/history.ts). Absent where nothing can render it (the CLI).
   */
  printHtmlToPdf?(html: string, options: PdfPrintOptions): Promise<Buffer>;
  /** The folder the app keeps its data in. */
  dataDir: string;
}

export interface PdfPrintOptions {
  printBackground: boolean;
  /** the page size and margins from the print stylesheet (@page) */
  preferCSSPageSize: boolean;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
}
