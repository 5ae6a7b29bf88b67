// The bench's output: one row per figure (value, target, PASS/FAIL, baseline and ratio where there is one), as a
// plain-text table for the terminal / docs/performance.md and as JSON for test-results/bench.json.
export interface Figure {
  id: string;
  figure: string;
  /** null when the measurement failed to produce it. */
  value: number | null;
  unit: string;
  /** Human-readable, e.g. "≥ 50,000" or "≤ 2× baseline". Empty for context-only figures. */
  target: string;
  /** null: context only (no target). */
  pass: boolean | null;
  baseline?: number | null;
  /** Hubwatch / baseline (median of the per-pair ratios). */
  ratio?: number | null;
  note?: string;
}

function fmt(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    fmt(f.value, f.unit),
    f.target || '(context)',
    f.pass === null ? '—' : f.pass ? 'PASS' : 'FAIL',
    f.baseline === undefined ? '' : fmt(f.baseline, f.unit),
    f.ratio === undefined || f.ratio === null ? '' : `${fmt(f.ratio)}×`,
  ]);
  const header = ['Figure', 'Value', 'Target', 'Result', 'Baseline', 'Ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.figure}: ${f.note}`);
  return [...table, ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}
