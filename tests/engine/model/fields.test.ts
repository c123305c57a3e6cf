// The field table as the one source of truth: every spec field is declared (and nothing else), each default
// passes its own declaration, ids are unique and have help; the messages name fields as the page labels them;
// a layer with an impossible setting shows no shape or count; version-1 records and links still open.
import { describe, expect, it } from 'vitest';
import type { Field } from '../../../src/engine/model/field-kinds';
import { layerFields, SPEC_ENTRIES } from '../../../src/engine/model/field-paths';
import { IMAGES_FIELDS, LAYER_FIELDS, POINTS_FIELDS, TRAINING_FIELDS } from '../../../src/engine/model/fields';
import { conv2d, dense, flatten, presetSpec } from '../../../src/engine/model/presets';
import { SPEC_VERSION, type ExperimentSpec, type LayerSpec } from '../../../src/engine/model/spec';
import { upgradeSpec } from '../../../src/engine/model/spec-migrations';
import { summarize } from '../../../src/engine/model/summary';
import { validateSpec } from '../../../src/engine/model/validate';
import { HELP } from '../../../src/ui/help-text';
import { decodeLink, encodeLink } from '../../../src/state/link/link';
import { exportRuns, importRuns } from '../../../src/state/run-record';
import { sampleRun } from '../../state/run-fixtures';

/** Every leaf path of a plain object: 'training.lossScaling.initialScale', …. */
function leaves(value: unknown, prefix: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, v]) => leaves(v, prefix ? `${prefix}.${key}` : key));
}

function allFields(): Field[] {
  const out: Field[] = [];
  const walk = (fields: Record<string, unknown>) => Object.values(fields).forEach((f) => {
    const field = f as Field | { kind: 'group'; fields: Record<string, unknown> };
    if (field.kind === 'group') walk(field.fields); else out.push(field);
  });
  [POINTS_FIELDS, IMAGES_FIELDS, TRAINING_FIELDS, ...Object.values(LAYER_FIELDS)].forEach((g) => walk(g as Record<string, unknown>));
  return out;
}

/** A spec from v1 days: no initializers, clipping or schedule. */
function v1Spec(): Record<string, unknown> {
  const spec = structuredClone(presetSpec('mnist-cnn')) as unknown as Record<string, any>;
  spec.version = 1;
  for (const key of ['schedule', 'clipnorm', 'clipvalue', 'globalClipnorm']) delete spec.training[key];
  for (const layer of spec.model.layers) { delete layer.kernelInitializer; delete layer.initStddev; }
  return spec;
}

describe('the field table', () => {
  it('declares every field of a spec outside the layers, and nothing a spec lacks', () => {
    for (const id of ['spiral-mlp', 'mnist-cnn']) {
      const spec = presetSpec(id);
      const declared = SPEC_ENTRIES.filter((e) => !e.datasetKinds || e.datasetKinds.includes(spec.dataset.kind)).map((e) => e.path).sort();
      const present = [...leaves(spec.dataset, 'dataset'), ...leaves(spec.training, 'training')]
        .filter((p) => p !== 'dataset.kind' && p !== 'dataset.name').sort();
      expect(declared).toEqual(present);
    }
  });

  it('declares every setting of every layer type', () => {
    const layers: LayerSpec[] = [dense(8), conv2d(4, 3), { type: 'maxPooling2d', poolSize: 2, strides: 2 }, { type: 'dropout', rate: 0.1 }, flatten];
    for (const layer of layers) {
      const keys = Object.keys(layer).filter((k) => k !== 'type').sort();
      expect(layerFields(layer.type).map(([key]) => key).sort()).toEqual(keys);
    }
  });

  it('gives every field a unique id with help text, and a default its own declaration accepts', () => {
    const fields = allFields();
    const ids = new Set(fields.map((f) => f.id));
    expect(ids.size).toBe(new Set(fields).size);
    for (const f of fields) {
      expect(HELP[f.id], f.id).toBe(f.help);
      if (f.kind === 'number') {
        expect(f.default, f.id).toBeGreaterThanOrEqual(f.range[0]);
        expect(f.default, f.id).toBeLessThanOrEqual(f.range[1]);
        if (f.whole) expect(Number.isInteger(f.default), f.id).toBe(true);
      }
      if (f.kind === 'choice') expect(f.options.map((o) => o.value), f.id).toContain(f.default);
    }
  });

  it('names fields in messages as the page labels them', () => {
    const spec = presetSpec('mnist-cnn');
    (spec.model.layers[0] as { kernelSize: number }).kernelSize = 29;
    expect(validateSpec(spec).map((p) => p.message)).toContain('conv2d_1: kernel must be a whole number from 1 to 11 (got 29).');
    spec.model.layers[0] = conv2d(8, 3);
    spec.training.schedule.kind = 'cyclical';
    spec.training.schedule.maxLearningRate = 50;
    expect(validateSpec(spec).map((p) => p.message)).toContain('Highest rate must be a number from 0.000001 to 10 (got 50).');
  });

  it('refuses two clipping rules at once, as Keras does', () => {
    const spec = presetSpec('spiral-mlp');
    Object.assign(spec.training, { clipnorm: 1, clipvalue: 0.5 });
    expect(validateSpec(spec).find((p) => p.severity === 'error')?.message).toMatch(/^Clip by one rule at a time.*clipnorm and clipvalue/);
  });

  it('gives an impossible layer no output shape and no parameter count, only the message', () => {
    const spec = presetSpec('mnist-mlp');
    for (const units of [-5, 2.5]) {
      spec.model.layers = [flatten, dense(units), dense(10)];
      const [, broken, after] = summarize(spec).layers;
      expect(broken.params).toBe(0);
      expect(broken.outputShape).toEqual([]);
      expect(broken.problem).toBe(`dense_1: units must be a whole number from 1 to 4096 (got ${units}).`);
      expect(after.params).toBe(0);
      expect(summarize(spec).totalParams).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('version-1 specs', () => {
  it('upgrade to the current version with the defaults v1 trained with', () => {
    const upgraded = upgradeSpec(v1Spec()) as ExperimentSpec;
    expect(upgraded).toStrictEqual(presetSpec('mnist-cnn'));
    expect(upgraded.version).toBe(SPEC_VERSION);
  });

  it('open from an exported runs file written before initializers, clipping and schedules existed', () => {
    const old = { ...sampleRun(), spec: v1Spec() };
    const { runs, problems } = importRuns(exportRuns([old as never]));
    expect(problems).toEqual([]);
    expect(runs[0].spec).toStrictEqual(presetSpec('mnist-cnn'));
  });

  it('open from a link written before the new keys, which then read as their defaults', () => {
    const old = '#v=1&data=mnist&train=8000&test=2000&layers=conv2d(8,5,1,same,relu),maxpool(2,2),flatten,dense(64,relu)&opt=adam&lr=0.001&batch=32&epochs=8&val=0.1&seed=42';
    const { state, notices } = decodeLink(old);
    expect(notices).toEqual([]);
    expect(state.spec.training.schedule.kind).toBe('constant');
    expect(state.spec.training.clipnorm).toBe(0);
    expect(state.spec.model.layers[0]).toMatchObject({ kernelInitializer: 'glorotUniform', initStddev: 0.05 });
  });

  it('new settings travel in links: initializer, schedule and clipping', () => {
    const spec = presetSpec('mnist-cnn');
    Object.assign(spec.model.layers[0], { kernelInitializer: 'randomNormal', initStddev: 0.02 });
    spec.training.schedule = { ...spec.training.schedule, kind: 'cosineDecay', warmupEpochs: 1, alpha: 0.1 };
    spec.training.globalClipnorm = 1.5;
    const link = encodeLink({ spec, view: 'train', lesson: null });
    expect(link).toContain('conv2d(8,5,1,same,relu,init=randomNormal,stddev=0.02)');
    expect(link).toContain('&sched=cosineDecay&warmup=1&alpha=0.1');
    expect(link).toContain('&gclipnorm=1.5');
    expect(decodeLink(link).state.spec).toStrictEqual(spec);
  });
});
