import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../src/engine/model/presets';
import type { ExperimentSpec, LayerSpec } from '../../src/engine/model/spec';
import { hasErrors, validateSpec } from '../../src/engine/model/validate';
import { switchDataset } from '../../src/state/dataset-switch';

/** The MNIST CNN preset with one more conv and pooling: a model the user made. */
function customMnist(): ExperimentSpec {
  const spec = presetSpec('mnist-cnn');
  const flatten = spec.model.layers.findIndex((l) => l.type === 'flatten');
  const extra: LayerSpec[] = [
    { ...(spec.model.layers.find((l) => l.type === 'conv2d') as LayerSpec), filters: 8 } as LayerSpec,
    { type: 'maxPooling2d', poolSize: 2, strides: 2 } as LayerSpec,
  ];
  spec.model.layers.splice(flatten, 0, ...extra);
  expect(hasErrors(validateSpec(spec))).toBe(false);
  return spec;
}

describe('switching dataset', () => {
  it('keeps a model that fits the new data', () => {
    const spec = presetSpec('spiral-mlp');
    spec.model.layers = spec.model.layers.slice(0, 1);
    const result = switchDataset(spec, 'moons');
    expect(result.model).toBe('kept');
    expect(result.message).toBeNull();
    expect(result.spec.model.layers).toEqual(spec.model.layers);
    expect(result.spec.dataset.name).toBe('moons');
  });

  it('keeps a custom CNN from MNIST to Fashion-MNIST (same image shape)', () => {
    const spec = customMnist();
    const result = switchDataset(spec, 'fashion-mnist');
    expect(result.model).toBe('kept');
    expect(result.spec.model.layers).toEqual(spec.model.layers);
  });

  it('says so when the model cannot take the new data, and gives the custom model back on the way back', () => {
    const mnist = customMnist();
    const toSpiral = switchDataset(mnist, 'spiral');
    expect(toSpiral.model).toBe('replaced');
    expect(toSpiral.message).toMatch(/cannot take Spiral/);
    expect(hasErrors(validateSpec(toSpiral.spec))).toBe(false);
    const back = switchDataset(toSpiral.spec, 'mnist', { mnist: mnist.model.layers, spiral: toSpiral.spec.model.layers });
    expect(back.model).toBe('restored');
    expect(back.spec.model.layers).toEqual(mnist.model.layers);
  });
});

describe('switching to and between tables', () => {
  it('a bundled table brings its columns and a model made for tables; the MNIST CNN cannot take it', () => {
    const result = switchDataset(presetSpec('mnist-cnn'), 'penguins');
    expect(result.spec.dataset).toEqual(presetSpec('penguins-mlp').dataset);
    expect(result.model).toBe('replaced');
    expect(result.message).toMatch(/^Your model cannot take Palmer penguins/);
    expect(hasErrors(validateSpec(result.spec))).toBe(false);
  });

  it('an MLP that fits is kept when going from the spiral to a table, and comes back when going back', () => {
    const spiral = presetSpec('spiral-mlp');
    const remembered = { spiral: structuredClone(spiral.model.layers) };
    const toTable = switchDataset(spiral, 'cars', remembered);
    expect(toTable.model).toBe('kept');
    expect(toTable.spec.dataset.kind).toBe('table');
    const back = switchDataset(toTable.spec, 'spiral', remembered);
    expect(back.spec.model.layers).toEqual(spiral.model.layers);
  });
});

describe('stored runs of own data', () => {
  it('keep a table spec and refuse one whose columns make no sense, naming the field', async () => {
    const { recordProblem } = await import('../../src/state/run-schema');
    const { sampleRun } = await import('./run-fixtures');
    const spec = presetSpec('penguins-mlp');
    expect(recordProblem(sampleRun({ spec }))).toBeNull();
    const broken = structuredClone(spec);
    (broken.dataset as { features: string[] }).features = [];
    expect(recordProblem(sampleRun({ spec: broken }))).toMatch(/features.*at least one feature column/);
  });
});
