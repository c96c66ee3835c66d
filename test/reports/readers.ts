/**
 * Independent readers for the exports: exceljs reads the XLSX, @fast-csv/parse
 * (exceljs's own CSV parser, not ours) the CSV, JSZip (shipped with exceljs)
 * unzips the DOCX, whose XML is read with a few regular expressions.
 */
import fs from 'node:fs';
import { parseString } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type Read = string | number | Date | boolean | null;

/** An XLSX file as exceljs reads it. */
export async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every row of a sheet as plain values, empty cells as null. */
export function xlsxCellsOf(ws: ExcelJS.Worksheet): Read[][] {
  const rows: Read[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: Read[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) values.push(null);
      else if (typeof v === 'object' && !(v instanceof Date)) throw new Error(`unexpected cell ${row.getCell(c).address}: ${JSON.stringify(v)}`);
      else values.push(v as Read);
    }
    while (values.length > 0 && values.at(-1) === null) values.pop();
    rows.push(values);
  }
  return rows;
}

export function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { headers: false })
      .on('error', reject)
      .on('data', (row: string[]) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

const decode = (xml: string): string =>
  xml.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] as string);

/** The text of an XML fragment: its <w:t> runs joined. */
export function runText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
}

export async function docxParts(file: string): Promise<{ document: string; styles: string; fontTable: string; text: string }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const part = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`${name} missing from the DOCX`);
    return f.async('string');
  };
  const document = await part('word/document.xml');
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => runText(m[0]));
  return { document, styles: await part('word/styles.xml'), fontTable: await part('word/fontTable.xml'), text: paragraphs.join('\n') };
}

/** Every table of document.xml as rows of cell texts. */
export function docxTables(document: string): string[][][] {
  return [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((tbl) =>
    [...tbl[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => runText(tc[0]))),
  );
}
