import type { Reading, ResultRow, Target } from './result-row';

const number = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const reading = (figure: Reading | null) => {
  if (figure === null) {
    return '—';
  }
  return figure.value === null
    ? 'n/a'
    : `${number(figure.value, figure.digits ?? 0)} ${figure.unit}`;
};

function ratioOf(row: ResultRow): number | null {
  const platform = row.platform.value;
  const anchor = row.anchor?.value ?? null;
  return platform === null || anchor === null || anchor === 0 ? null : platform / anchor;
}

function targetOf(row: ResultRow, target: Target | null): string {
  if (target === null) {
    return '—';
  }
  const [wanted, reached] =
    'atLeastRatio' in target
      ? [`≥ ${target.atLeastRatio}×`, (ratio: number) => ratio >= target.atLeastRatio]
      : [`≤ ${target.atMost} ${row.platform.unit}`, (value: number) => value <= target.atMost];
  const figure = 'atLeastRatio' in target ? ratioOf(row) : row.platform.value;
  const verdict = figure === null ? wanted : `${wanted} ${reached(figure) ? '(met)' : '(missed)'}`;
  return target.basis === undefined ? verdict : `${verdict}, ${target.basis}`;
}

/** The bench's results as a markdown table: platform, anchor, their ratio, the target. */
export function resultsTable(rows: readonly ResultRow[]): string {
  const lines = rows.map((row) => {
    const ratio = ratioOf(row);
    return [
      row.measure,
      reading(row.platform),
      reading(row.anchor),
      ratio === null ? '—' : `${number(ratio, 2)}×`,
      targetOf(row, row.target),
    ];
  });
  const header = ['measure', 'platform', 'anchor', 'ratio', 'target'];
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join(
    '\n',
  );
}
