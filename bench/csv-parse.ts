// `npm run bench:csv` (a benchmark, not a test): writes a ~100 MB CSV of mixed columns to /tmp (numbers, some
// missing; small and large categories; a boolean; a quoted text field with commas), parses it with parseTable
// from a file-backed Blob as the worker would, and prints seconds, rows/s and peak memory (RSS and JS heap,
// sampled every 20 ms and at each progress report).
//
// Options: --mb 100 (file size)  --keep (leave the file in /tmp)
import { createWriteStream, openAsBlob, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { Random } from '../src/data/random';
import { parseTable } from '../src/data/table/parse-table';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const targetBytes = Number(option('mb') ?? 100) * 1e6;
const PATH = '/tmp/bench-csv-parse.csv';
/** Wide rows (about 235 bytes), so 100 MB stays under parseTable's default limit of 500,000 rows, as in the app. */
const NUMBERS = 18;
const CITIES = ['Oslo', 'Lima', 'Accra', 'Hanoi', 'Quito', 'Perth', 'Bern', 'Dakar'];

async function writeCsv(): Promise<number> {
  const random = new Random(100);
  const out = createWriteStream(PATH);
  const header = ['id', ...Array.from({ length: NUMBERS }, (_, i) => `x${i}`), 'city', 'grade', 'member', 'product', 'note'];
  out.write(`${header.join(',')}\n`);
  let bytes = 0;
  let rows = 0;
  const lines: string[] = [];
  while (bytes < targetBytes) {
    const cells = [String(rows)];
    for (let i = 0; i < NUMBERS; i++) cells.push(random.next() < 0.01 ? '' : (random.normal() * 10 ** (i % 4)).toFixed(6));
    cells.push(CITIES[random.int(CITIES.length)], 'ABCDE'[random.int(5)], random.next() < 0.5 ? 'yes' : 'no',
      `p-${random.int(5000)}`, random.next() < 0.1 ? '"late, again"' : 'ok');
    const line = `${cells.join(',')}\n`;
    lines.push(line);
    bytes += line.length;
    rows++;
    if (lines.length === 10_000) {
      if (!out.write(lines.join(''))) await once(out, 'drain');
      lines.length = 0;
    }
  }
  out.write(lines.join(''));
  out.end();
  await once(out, 'finish');
  return rows;
}

const written = await writeCsv();
const size = statSync(PATH).size;
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 20);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const table = await parseTable(await openAsBlob(PATH), 'bench.csv', { onProgress: sample });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
sample();
clearInterval(timer);
if (!args.includes('--keep')) rmSync(PATH);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
console.log(`file: ${(size / 1e6).toFixed(1)} MB, ${written.toLocaleString('en')} rows, ${NUMBERS + 6} columns (${PATH})`);
console.log(`parsed: ${table.rowCount.toLocaleString('en')} rows, types ${table.columns.map((c) => c.type[0]).join('')} (n number, c category, b boolean)`);
console.log(`time: ${seconds.toFixed(2)} s, ${Math.round(table.rowCount / seconds).toLocaleString('en')} rows/s, ${(size / 1e6 / seconds).toFixed(1)} MB/s`);
// On a shared machine the wall time includes waiting for a core; the CPU time is what the parse itself cost.
console.log(`CPU time: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
console.log(`memory: peak RSS ${mb(peakRss)} (before parsing ${mb(baseline.rss)}), peak JS heap ${mb(peakHeap)} (before ${mb(baseline.heapUsed)})`);
console.log(`node ${process.version}; parseTable under Node, one thread`);
