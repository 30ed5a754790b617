import type { LoadResult } from './load.ts';

/** One row of a benchmark table: the figures of a load run. */
export function figureRow(name: string, r: LoadResult, note = ''): string[] {
  return [
    name,
    r.requests.toString(),
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    r.errors.toString(),
    note,
  ];
}

/** The row comparing the whole stack with raw Fastify + raw SQL answering the same query. */
export function ratioRow(full: LoadResult, raw: LoadResult, name = 'ratio full / raw'): string[] {
  return [
    `${name} (p95 latency)`,
    '',
    (raw.rps / full.rps).toFixed(2) + '× slower',
    '',
    (full.p95 / raw.p95).toFixed(2) + '×',
    '',
    '',
    '',
  ];
}

/** Prints the rows as a Markdown table under a title. */
export function printTable(
  title: string,
  rows: string[][],
  header = ['figure', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'note'],
): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}
