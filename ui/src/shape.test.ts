import { describe, expect, it } from 'vitest';
import { bytes, curveSeries, downsample, formToSpec, inputFor, pairedRows, parallelData, progressOf, robustnessSeries, sameCondition, sortRows, trialQueryOf, ungatedPartner } from './shape';
import type { Comparison, SelectionGroup, SummaryRow } from './api';

const config = (mean: number, ciLow: number | null, ciHigh: number | null) =>
  ({ configId: 'c', params: {}, n: 3, mean, ciLow, ciHigh, bound: ciLow, tiedWithBest: true });

describe('robustnessSeries', () => {
  it('gives one series per variant, sorted by condition, with the interval as the band', () => {
    const groups: SelectionGroup[] = [
      { variant: 'symile', condition: { p: 1.0 }, best: config(0.5, 0.4, 0.6), tied: [], configurations: 1 },
      { variant: 'gated-symile', condition: { p: 0.5 }, best: config(0.9, 0.85, 0.95), tied: [], configurations: 2 },
      { variant: 'symile', condition: { p: 0.5 }, best: config(0.8, null, null), tied: [], configurations: 1 },
      { variant: 'gated-symile', condition: { p: 1.0 }, best: config(0.7, 0.6, 0.8), tied: [], configurations: 2 },
    ];
    const series = robustnessSeries(groups);
    expect(series.map((s) => s.name)).toEqual(['Gated Symile', 'Symile']);
    expect(series[1].points).toEqual([
      { x: 0.5, mean: 0.8, low: 0.8, high: 0.8 },
      { x: 1.0, mean: 0.5, low: 0.4, high: 0.6 },
    ]);
  });
});

describe('pairedRows', () => {
  it('gives per condition the difference, its interval and each seed as b - a', () => {
    const comparison: Comparison = {
      a: 'symile', b: 'gated-symile', metric: 'test_top1', crossing: null,
      conditions: [
        { condition: { p: 1.0 }, pairs: 2, meanDifference: 0.2, tLow: 0.1, tHigh: 0.3, tTestP: 0.5, holmP: 0.5, wilcoxonP: 0.5, wilcoxonHolmP: 0.5, warning: null,
          verdict: 'v1', seeds: [{ seed: 1, a: 0.5, b: 0.75 }, { seed: 2, a: 0.5, b: 0.65 }] },
        { condition: { p: 0.5 }, pairs: 0, meanDifference: null, tLow: null, tHigh: null, tTestP: null, holmP: null, wilcoxonP: null, wilcoxonHolmP: null, warning: null,
          verdict: 'v0', seeds: [] },
      ],
    };
    const rows = pairedRows(comparison);
    expect(rows).toHaveLength(1);
    expect(rows[0].label).toBe('p = 1');
    expect(rows[0].seeds).toEqual([0.25, 0.15000000000000002]);
  });
});

describe('progress, downsampling and partners', () => {
  it('counts failures and keeps the ends of long curves', () => {
    expect(progressOf({ total: 10, done: 4, byState: { FAILED: 1 } }).text).toBe('4 / 10, 1 failed');
    expect(downsample([...Array(1000).keys()], 5)).toEqual([0, 250, 500, 749, 999]);
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(ungatedPartner(['clip', 'gated-symile'])).toBe('clip');
    expect(ungatedPartner(['clip', 'symile'])).toBeNull();
  });
});

describe('sortRows', () => {
  const row = (variant: string, p: number, mean: number, ciLow: number | null): SummaryRow => ({
    variant, configId: variant + p, params: {}, condition: { p }, n: 3, mean, sd: null, sem: null, ciLow, ciHigh: null,
    bootstrapLow: null, bootstrapHigh: null, min: mean, max: mean });
  it('sorts by a column either way, conditions by value, unknown intervals last', () => {
    const rows = [row('symile', 1.0, 0.5, 0.4), row('gated-symile', 0.25, 0.9, null), row('clip', 0.5, 0.7, 0.6)];
    expect(sortRows(rows, 'mean', true).map((r) => r.mean)).toEqual([0.9, 0.7, 0.5]);
    expect(sortRows(rows, 'condition', false).map((r) => r.condition.p)).toEqual([0.25, 0.5, 1.0]);
    expect(sortRows(rows, 'ciLow', false).map((r) => r.ciLow)).toEqual([0.4, 0.6, null]);
    expect(sortRows(rows, 'variant', false).map((r) => r.variant)).toEqual(['clip', 'gated-symile', 'symile']);
  });
});

describe('the new-sweep form', () => {
  const form = {
    name: 'xor', kind: 'binary-xor', dataset: '', path: '', rows: '2000', variants: ['symile', 'gated-symile'], conditions: '0.5, 1.0',
    seeds: '1, 2, x', strategy: 'grid', trials: '', strength: '0.25, 0.5', neutral: ['ones'], scale: '100', lr: '',
    epochs: '10', patience: '', maxParallel: '2', retries: '',
  };
  it('writes the spec the server reads, leaving empty fields to its defaults', () => {
    expect(formToSpec(form)).toEqual({
      name: 'xor', benchmark: { kind: 'binary-xor', rows: 2000 }, variants: ['symile', 'gated-symile'],
      conditions: { p: [0.5, 1.0] },
      search: { strategy: 'grid', space: { contrastive_scale: { values: [100] }, 'gate.strength': { values: [0.25, 0.5] },
        'gate.neutral': { values: ['ones'] } } },
      seeds: [1, 2, 'x'], training: { epochs: 10 }, limits: { max_parallel: 2 },
    });
    expect(formToSpec({ ...form, variants: ['clip'], kind: 'synthetic-misalignment' }).conditions).toEqual({ misalignment: [0.5, 1.0] });
  });
  it('reads ranges for random search', () => {
    const random = formToSpec({ ...form, strategy: 'random', trials: '8', lr: 'log-uniform(0.0001, 0.1)', scale: 'int-range(32, 256)' });
    expect(random.search).toEqual({ strategy: 'random', trials: 8, space: {
      contrastive_scale: { 'int-range': [32, 256] }, lr: { 'log-uniform': [0.0001, 0.1] },
      'gate.strength': { values: [0.25, 0.5] }, 'gate.neutral': { values: ['ones'] } } });
  });
  it('puts each server error at its input', () => {
    expect(inputFor('seeds[2]')).toBe('seeds');
    expect(inputFor('search.space.gate.strength.values[0]')).toBe('strength');
    expect(inputFor('conditions.p[1]')).toBe('conditions');
    expect(inputFor('objective.metric')).toBe('spec');
  });
});

describe('curves and parallel coordinates', () => {
  it('bands a curve by one sd and gives each configuration a line over the parameters and the mean', () => {
    const series = curveSeries({ variant: 'symile', paramsHash: 'h', params: {}, condition: { p: 1 }, points: [{ epoch: 1, mean: 0.5, sd: 0.1, n: 3 }, { epoch: 2, mean: 0.7, sd: 0, n: 3 }] });
    expect(series.low).toEqual([[1, 0.4], [2, 0.7]]);
    expect(series.high[0][1]).toBeCloseTo(0.6);
    const rows = [
      { variant: 'gated-symile', configId: 'a', params: { lr: 0.01, 'gate.strength': 0.5 }, condition: { p: 1 }, n: 3, mean: 0.9, sd: null,
        sem: null, ciLow: null, ciHigh: null, bootstrapLow: null, bootstrapHigh: null, min: 0.9, max: 0.9 },
      { variant: 'symile', configId: 'b', params: { lr: 0.1 }, condition: { p: 1 }, n: 3, mean: 0.7, sd: null,
        sem: null, ciLow: null, ciHigh: null, bootstrapLow: null, bootstrapHigh: null, min: 0.7, max: 0.7 },
    ];
    expect(parallelData(rows)).toEqual({ axes: ['variant', 'gate.strength', 'lr', 'mean'],
      lines: [['Gated Symile', 0.5, 0.01, 0.9], ['Symile', '–', 0.1, 0.7]] });
    // A setting with the same value in every row is no axis; one variant needs no variant axis.
    const fixed = rows.map((r) => ({ ...r, variant: 'symile', params: { ...r.params, embedding_dim: 64 } }));
    expect(parallelData(fixed).axes).toEqual(['gate.strength', 'lr', 'mean']);
  });
});

describe('trialQueryOf', () => {
  it('filters by variant and each parameter, in name order, URL-encoded', () => {
    expect(trialQueryOf({ variant: 'gated-symile', params: { lr: 0.01, 'gate.neutral': 'ones' } }))
      .toBe('variant=gated-symile&params.gate.neutral=ones&params.lr=0.01');
  });
  it('matches conditions key by key', () => {
    expect(sameCondition({ p: 0.5 }, { p: 0.5 })).toBe(true);
    expect(sameCondition({ p: 0.5 }, { p: 1 })).toBe(false);
    expect(sameCondition({ p: 0.5 }, { p: 0.5, q: 1 })).toBe(false);
  });
});

describe('formToSpec with your own data', () => {
  const form = {
    name: 'mine', kind: 'features', dataset: ' clips ', path: '/data/x.npz', rows: '', variants: ['clip'], conditions: '0.5', seeds: '1',
    strategy: 'grid', trials: '', strength: '', neutral: [], scale: '', lr: '', epochs: '', patience: '', maxParallel: '', retries: '',
  };
  it('names the project dataset when one is picked, and has no condition axis', () => {
    const spec = formToSpec(form);
    expect(spec.benchmark).toEqual({ kind: 'features', dataset: 'clips' });
    expect(spec.conditions).toBeUndefined();
  });
  it('uses the server path only without a dataset', () => {
    expect(formToSpec({ ...form, dataset: '' }).benchmark).toEqual({ kind: 'features', path: '/data/x.npz' });
    expect(inputFor('benchmark.dataset')).toBe('dataset');
  });
});

describe('bytes', () => {
  it('reads as people read sizes', () => {
    expect(bytes(12)).toBe('12 B');
    expect(bytes(1500)).toBe('1.5 kB');
    expect(bytes(256_000_000)).toBe('256 MB');
  });
});
