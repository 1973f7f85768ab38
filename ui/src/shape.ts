// Pure data shaping for the charts and tables: no DOM, unit-tested (shape.test.ts).
import type { Comparison, Progress, SelectionGroup, SummaryRow } from './api';

export const VARIANT_NAMES: Record<string, string> = { clip: 'CLIP', symile: 'Symile', 'gated-symile': 'Gated Symile' };

/** The first (and, for the built-in benchmarks, only) condition value, or 0 for no condition. */
export function conditionValue(condition: Record<string, number>): number {
  const values = Object.values(condition);
  return values.length ? Number(values[0]) : 0;
}

export function conditionLabel(condition: Record<string, number>): string {
  return Object.entries(condition).map(([k, v]) => `${k} = ${v}`).join(', ') || 'no condition';
}

export interface BandSeries { variant: string; name: string; points: { x: number; mean: number; low: number; high: number }[] }

/**
 * The robustness chart's data: per variant, its best configuration's mean at each condition with the
 * interval (the mean itself where one seed leaves the interval unknown), sorted by condition.
 */
export function robustnessSeries(groups: SelectionGroup[]): BandSeries[] {
  const byVariant = new Map<string, BandSeries>();
  for (const g of groups) {
    const series = byVariant.get(g.variant) ?? { variant: g.variant, name: VARIANT_NAMES[g.variant] ?? g.variant, points: [] };
    series.points.push({ x: conditionValue(g.condition), mean: g.best.mean, low: g.best.ciLow ?? g.best.mean, high: g.best.ciHigh ?? g.best.mean });
    byVariant.set(g.variant, series);
  }
  const all = [...byVariant.values()];
  all.forEach((s) => s.points.sort((p, q) => p.x - q.x));
  return all.sort((s, t) => s.variant.localeCompare(t.variant));
}

export interface PairedRow { x: number; label: string; difference: number; low: number; high: number; seeds: number[]; verdict: string }

/** The gated-versus-ungated panel's rows: per condition the paired difference, its interval, and each seed's difference. */
export function pairedRows(comparison: Comparison): PairedRow[] {
  return comparison.conditions
    .filter((c) => c.meanDifference !== null)
    .map((c) => ({
      x: conditionValue(c.condition),
      label: conditionLabel(c.condition),
      difference: c.meanDifference as number,
      low: c.tLow ?? (c.meanDifference as number),
      high: c.tHigh ?? (c.meanDifference as number),
      seeds: c.seeds.map((s) => s.b - s.a),
      verdict: c.verdict,
    }))
    .sort((p, q) => p.x - q.x);
}

/** Done over total as a fraction, and the trials that did not succeed. */
export function progressOf(progress: Progress): { fraction: number; failed: number; text: string } {
  const failed = progress.byState.FAILED ?? 0;
  const fraction = progress.total ? progress.done / progress.total : 0;
  return { fraction, failed, text: `${progress.done} / ${progress.total}${failed ? `, ${failed} failed` : ''}` };
}

/** At most {@code max} points, keeping the first and last and evenly spaced ones between (long curves stay light). */
export function downsample<T>(points: T[], max: number): T[] {
  if (points.length <= max || max < 2) {
    return points;
  }
  const kept: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    kept.push(points[Math.round(i * step)]);
  }
  return kept;
}

/** The ungated variant the gated one is compared with: Symile if the sweep has it, else CLIP. */
export function ungatedPartner(variants: string[]): string | null {
  if (!variants.includes('gated-symile')) return null;
  if (variants.includes('symile')) return 'symile';
  return variants.includes('clip') ? 'clip' : null;
}

/**
 * A small sweep that finishes in about a minute on a laptop: Symile against Gated Symile on a reduced binary XOR
 * benchmark (the Symile paper's task) at three switch probabilities, three seeds each. Small enough to show the
 * whole workflow quickly; the papers' effects need the full benchmarks (see the README's reference figures).
 */
export const EXAMPLE_SPEC = {
  name: 'Example: Symile and Gated Symile on XOR',
  benchmark: { kind: 'binary-xor', rows: 2000 },
  variants: ['symile', 'gated-symile'],
  conditions: { p: [0.25, 0.5, 1.0] },
  search: { strategy: 'grid', space: { contrastive_scale: { values: [100] } } },
  seeds: [1, 2, 3],
  training: { epochs: 20 },
  limits: { max_parallel: 2, retries: 1 },
};

/** Summary rows sorted by a column; conditions sort by value, missing numbers last. */
export function sortRows(rows: SummaryRow[], key: keyof SummaryRow | 'condition', descending: boolean): SummaryRow[] {
  const value = (r: SummaryRow): number | string => {
    if (key === 'condition') return conditionValue(r.condition);
    const v = r[key as keyof SummaryRow];
    return typeof v === 'number' || typeof v === 'string' ? v : Number.NaN;
  };
  return [...rows].sort((p, q) => {
    const a = value(p);
    const b = value(q);
    if (typeof a === 'number' && Number.isNaN(a)) return 1;
    if (typeof b === 'number' && Number.isNaN(b)) return -1;
    const order = a < b ? -1 : a > b ? 1 : 0;
    return descending ? -order : order;
  });
}
