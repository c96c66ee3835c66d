// Writes the bench's import file in its own process, so exceljs's memory for writing it does not count as the product's.
import { writeImportLedger } from './import-file';

const [file, rows, seed, firstYear, years] = process.argv.slice(2);
await writeImportLedger(file!, { rows: Number(rows), seed: Number(seed), firstYear: Number(firstYear), years: Number(years) });
