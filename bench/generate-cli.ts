// Generates the bench database in its own process, so its memory does not count as the product's.
import { generateLedger } from './generate';

const [file, n, seed, lastYear] = process.argv.slice(2);
generateLedger(file!, { n: Number(n), seed: Number(seed), lastYear: Number(lastYear) }).close();
