import { describe, expect, it } from 'vitest';
import { dropout, presetSpec } from '../../../src/engine/model/presets';
import { gridProduct, planTrials, searchProblems, type SearchSpec } from '../../../src/engine/search/plan';
import { applyParams, dimensionProblems, type Dimension } from '../../../src/engine/search/space';
import { validateSpec } from '../../../src/engine/model/validate';

const lr: Dimension = { param: 'learningRate', kind: 'range', min: 1e-4, max: 0.1, log: true };
const units: Dimension = { param: 'units', kind: 'range', min: 8, max: 64, log: true };
const optimizer: Dimension = { param: 'optimizer', kind: 'values', values: ['adam', 'sgd'] };

const search = (over: Partial<SearchSpec> = {}): SearchSpec => ({
  base: presetSpec('moons-mlp'), dimensions: [lr, units, optimizer], method: { kind: 'random' },
  budget: { trials: 12, seconds: 3600 }, metric: 'val_accuracy', seed: 7, ...over,
});

describe('search plan', () => {
  it('the same seed gives the same trials, value for value; another seed other trials', () => {
    const a = planTrials(search()).map((t) => t.params);
    expect(planTrials(search()).map((t) => t.params)).toEqual(a);
    const b = planTrials(search({ seed: 8 })).map((t) => t.params);
    expect(b).not.toEqual(a);
    expect(a).toHaveLength(12);
    // draws stay inside their ranges and are what the fields can hold
    for (const p of a) {
      expect(p.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(p.learningRate).toBeLessThanOrEqual(0.1);
      expect(Number.isInteger(p.units)).toBe(true);
      expect(['adam', 'sgd']).toContain(p.optimizer);
    }
  });

  it('log ranges spread over decades: about as many draws below 0.003 as above', () => {
    const draws = planTrials(search({ dimensions: [lr], budget: { trials: 400, seconds: 1 } })).map((t) => t.params.learningRate as number);
    const below = draws.filter((x) => x < Math.sqrt(1e-4 * 0.1)).length; // the log-midpoint, 0.00316
    expect(below).toBeGreaterThan(160);
    expect(below).toBeLessThan(240);
  });

  it('grid enumerates the whole product, first dimension slowest', () => {
    const rows = gridProduct([lr, optimizer], 3);
    expect(rows).toEqual([
      { learningRate: 1e-4, optimizer: 'adam' }, { learningRate: 1e-4, optimizer: 'sgd' },
      { learningRate: 0.003162, optimizer: 'adam' }, { learningRate: 0.003162, optimizer: 'sgd' },
      { learningRate: 0.1, optimizer: 'adam' }, { learningRate: 0.1, optimizer: 'sgd' },
    ]);
    const trials = planTrials(search({ method: { kind: 'grid', steps: 3 }, dimensions: [lr, units, optimizer], budget: { trials: 100, seconds: 1 } }));
    expect(trials).toHaveLength(3 * 3 * 2);
    expect(new Set(trials.map((t) => JSON.stringify(t.params))).size).toBe(18);
    // the budget cuts the product
    expect(planTrials(search({ method: { kind: 'grid', steps: 3 }, budget: { trials: 5, seconds: 1 } }))).toHaveLength(5);
  });

  it('writes each value where it belongs, and the trial specs validate', () => {
    const base = presetSpec('moons-mlp');
    const spec = applyParams(base, { hiddenLayers: 3, units: 24, dropout: 0.3, l2: 0.001, batchSize: 64, optimizer: 'sgd', learningRate: 0.05 });
    expect(spec.model.layers.map((l) => l.type)).toEqual(['dense', 'dense', 'dense', 'dropout']);
    expect(spec.model.layers.filter((l) => l.type === 'dense').map((l) => [l.units, l.l2])).toEqual([[24, 0.001], [24, 0.001], [24, 0.001]]);
    expect(spec.model.layers[3]).toEqual({ type: 'dropout', rate: 0.3 });
    expect(spec.training).toMatchObject({ batchSize: 64, optimizer: 'sgd', learningRate: 0.05 });
    expect(validateSpec(spec).filter((p) => p.severity === 'error')).toEqual([]);
    expect(base.model.layers).toHaveLength(2); // the base is untouched
    // fewer layers keeps the first ones with what follows each
    const withDropout = { ...base, model: { layers: [...base.model.layers.slice(0, 1), dropout(0.1), ...base.model.layers.slice(1)] } };
    expect(applyParams(withDropout, { hiddenLayers: 1 }).model.layers.map((l) => l.type)).toEqual(['dense', 'dropout']);
  });

  it('refuses ranges outside the field table with the field’s own label and limits', () => {
    expect(dimensionProblems({ param: 'learningRate', kind: 'range', min: 0, max: 20, log: true })).toEqual([
      'Learning rate lowest must be from 0.000001 to 10 (got 0).'.replace('0.000001', String(1e-6)),
      'Learning rate highest must be from 0.000001 to 10 (got 20).'.replace('0.000001', String(1e-6)),
      'Learning rate: a log range needs a lowest value above 0 (got 0); raise it or use a linear range.',
    ]);
    expect(dimensionProblems({ param: 'units', kind: 'values', values: [8, 12.5] })).toEqual(['Units must be a whole number (got 12.5).']);
    expect(dimensionProblems({ param: 'optimizer', kind: 'values', values: ['adamw'] })[0]).toMatch(/adamw is not one of sgd, momentum, adam, rmsprop/);
    expect(searchProblems(search({ dimensions: [] }))).toContain('Choose at least one setting to vary.');
    expect(searchProblems(search({ method: { kind: 'halving', eta: 3, minEpochs: 500 } }))[0]).toMatch(/first rung must be from 1 epoch to the spec's 40/);
    expect(searchProblems(search())).toEqual([]);
  });
});
