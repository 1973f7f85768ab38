// Pure data shaping for the charts and tables: no DOM, unit-tested (shape.test.ts).
import type { Comparison, Curve, Progress, SelectionGroup, SummaryRow } from './api';

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
  // The Gated Symile paper's benchmark at CPU scale (ml-spec.md section 6 row 8): the gate's gain over Symile
  // shows at both misalignment levels within about a minute on two cores (measured: 53 s, +0.21 and +0.35 top-1).
  name: 'Example: Symile and Gated Symile under misalignment',
  benchmark: { kind: 'synthetic-misalignment' },
  variants: ['symile', 'gated-symile'],
  conditions: { misalignment: [0.5, 1.0] },
  search: { strategy: 'grid', space: { embedding_dim: { values: [64] }, 'gate.key_dim': { values: [64] }, negatives: { values: [32] } } },
  seeds: [1, 2, 3],
  training: { epochs: 10, patience: 5 },
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

/** What the new-sweep form holds, as typed. */
export interface SweepForm {
  name: string; kind: string; dataset: string; path: string; rows: string; variants: string[]; conditions: string; seeds: string;
  strategy: string; trials: string; strength: string; neutral: string[]; scale: string; lr: string;
  epochs: string; patience: string; maxParallel: string; retries: string;
}

/** A comma-separated list as numbers (text that is not a number is kept, so the server names it). */
function list(text: string): (number | string)[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t !== '').map((t) => (Number.isNaN(Number(t)) ? t : Number(t)));
}

/** A range written as "log-uniform(0.0001, 0.1)", "uniform(0, 1)" or "int-range(32, 256)"; null for a list of values. */
export function domain(text: string): Record<string, number[]> | null {
  const m = text.trim().match(/^(uniform|log-uniform|int-range)\s*\(\s*([^,()]+)\s*,\s*([^,()]+)\s*\)$/);
  return m ? { [m[1]]: [Number(m[2]), Number(m[3])] } : null;
}

/** The condition axis of a benchmark, as the server names it. */
export function conditionAxis(kind: string): string | null {
  return kind === 'synthetic-misalignment' ? 'misalignment' : kind === 'features' ? null : 'p';
}

/** The spec the form describes; empty fields are left out so the server's defaults apply. */
export function formToSpec(form: SweepForm): Record<string, unknown> {
  const benchmark: Record<string, unknown> = { kind: form.kind };
  // A project dataset by name; a server path only where the administrator configured data roots.
  if (form.kind === 'features' && form.dataset.trim()) benchmark.dataset = form.dataset.trim();
  else if (form.kind === 'features' && form.path.trim()) benchmark.path = form.path.trim();
  if (form.rows.trim() && form.kind !== 'no-op') benchmark.rows = Number(form.rows);
  const space: Record<string, unknown> = {};
  const values = (name: string, text: string) => {
    const range = domain(text);
    if (range) {
      space[name] = range;
      return;
    }
    const v = list(text);
    if (v.length) space[name] = { values: v };
  };
  values('contrastive_scale', form.scale);
  values('lr', form.lr);
  if (form.variants.includes('gated-symile')) {
    values('gate.strength', form.strength);
    if (form.neutral.length) space['gate.neutral'] = { values: form.neutral };
  }
  const spec: Record<string, unknown> = { name: form.name, benchmark, variants: form.variants };
  const axis = conditionAxis(form.kind);
  if (axis && list(form.conditions).length) spec.conditions = { [axis]: list(form.conditions) };
  const search: Record<string, unknown> = { strategy: form.strategy, space };
  if (form.strategy !== 'grid' && form.trials.trim()) search.trials = Number(form.trials);
  spec.search = search;
  spec.seeds = list(form.seeds);
  const training: Record<string, unknown> = {};
  if (form.epochs.trim()) training.epochs = Number(form.epochs);
  if (form.patience.trim()) training.patience = Number(form.patience);
  if (Object.keys(training).length) spec.training = training;
  const limits: Record<string, unknown> = {};
  if (form.maxParallel.trim()) limits.max_parallel = Number(form.maxParallel);
  if (form.retries.trim()) limits.retries = Number(form.retries);
  if (Object.keys(limits).length) spec.limits = limits;
  return spec;
}

/** The form input a server error belongs to, from the field path it names ("seeds[1]" belongs to seeds). */
export function inputFor(field: string | null): string {
  if (!field) return 'spec';
  const rules: [RegExp, string][] = [
    [/^name$/, 'name'], [/^benchmark\.kind/, 'kind'], [/^benchmark\.path/, 'path'], [/^benchmark\.dataset/, 'dataset'], [/^benchmark\.rows/, 'rows'],
    [/^benchmark/, 'kind'], [/^variants/, 'variants'], [/^conditions/, 'conditions'], [/^seeds/, 'seeds'],
    [/^search\.space\.contrastive_scale/, 'scale'], [/^search\.space\.lr/, 'lr'], [/^search\.space\.gate\.strength/, 'strength'],
    [/^search\.space\.gate\.neutral/, 'neutral'], [/^search\.trials/, 'trials'], [/^search\.strategy/, 'strategy'],
    [/^training\.epochs/, 'epochs'], [/^training\.patience/, 'patience'], [/^limits\.max_parallel/, 'maxParallel'],
    [/^limits\.retries/, 'retries'],
  ];
  return rules.find(([pattern]) => pattern.test(field))?.[1] ?? 'spec';
}

/** A curve's line (mean per epoch) and band (mean - sd to mean + sd), downsampled for long trainings. */
export function curveSeries(curve: Curve, maxPoints = 300): { mean: number[][]; low: number[][]; high: number[][] } {
  const points = downsample(curve.points, maxPoints);
  return {
    mean: points.map((p) => [p.epoch, p.mean]),
    low: points.map((p) => [p.epoch, p.mean - p.sd]),
    high: points.map((p) => [p.epoch, p.mean + p.sd]),
  };
}

/** Parallel coordinates: one axis per searched parameter plus the mean objective; one line per configuration. */
export function parallelData(rows: SummaryRow[]): { axes: string[]; lines: (number | string)[][] } {
  const value = (r: SummaryRow, n: string) => (r.params[n] === undefined ? '–' : (r.params[n] as number | string));
  // A parameter with one value in every row (a fixed setting written into the search space) tells nothing here.
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.params)))].sort()
    .filter((n) => new Set(rows.map((r) => String(value(r, n)))).size > 1);
  const variants = new Set(rows.map((r) => r.variant)).size > 1;
  return {
    axes: [...(variants ? ['variant'] : []), ...names, 'mean'],
    lines: rows.map((r) => [...(variants ? [VARIANT_NAMES[r.variant] ?? r.variant] : []), ...names.map((n) => value(r, n)), r.mean]),
  };
}

/**
 * The trials query (variant and every parameter as params.NAME=value) that finds the seeds behind one
 * averaged learning curve; the condition is matched on the answers by {@link sameCondition}.
 */
export function trialQueryOf(curve: { variant: string; params: Record<string, unknown> }): string {
  const parts = [`variant=${encodeURIComponent(curve.variant)}`];
  for (const [name, value] of Object.entries(curve.params).sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`params.${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.join('&');
}

export function sameCondition(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** A byte count as people read it: 1.5 MB, 320 kB, 12 B. */
export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
