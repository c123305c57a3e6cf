import { describe, expect, it } from 'vitest';
import { IMAGE_DATASETS, POINTS_DATASETS } from '../../../src/data/catalog';
import { Random } from '../../../src/data/random';
import { presetSpec, PRESETS } from '../../../src/engine/model/presets';
import { hasErrors, validateSpec } from '../../../src/engine/model/validate';
import { LESSONS } from '../../../src/state/lessons';
import { decodeLink, encodeLink, lessonLink, presetLink } from '../../../src/state/link/link';
import { listsControl, type LinkState } from '../../../src/state/link/types';
import { randomLinkState } from './random-link';

/** Decodes and checks the one promise every link keeps: a spec that can be trained. */
function open(hash: string) {
  const decoded = decodeLink(hash);
  expect(validateSpec(decoded.state.spec).filter((p) => p.severity === 'error'), hash).toEqual([]);
  return decoded;
}

const spiral = (hash: string) => `#v=1&data=spiral${hash}`;
const spiralSpec = () => presetSpec('spiral-mlp');

describe('round trip', () => {
  it.each(PRESETS.map((p) => p.id))('restores preset %s exactly', (id) => {
    const decoded = open(presetLink(id)!);
    expect(decoded).toStrictEqual({ state: { spec: presetSpec(id), view: 'train', lesson: null }, notices: [] });
  });

  it.each(LESSONS.map((l) => l.lesson!.id!))('restores lesson %s exactly, and the lesson is valid', (id) => {
    const lesson = LESSONS.find((l) => l.lesson?.id === id)!;
    expect(hasErrors(validateSpec(lesson.spec))).toBe(false);
    expect(lesson.lesson!.note.length).toBeLessThanOrEqual(1000);
    expect(open(lessonLink(id)!)).toStrictEqual({ state: lesson, notices: [] });
  });

  it('restores 200 random valid states exactly: every dataset, MLPs and CNNs, every training field, lessons', () => {
    const random = new Random(2024);
    const seen = { cnn: 0, points: 0, lessons: 0, earlyStopping: 0, augmentation: 0 };
    for (let i = 0; i < 200; i++) {
      const state = randomLinkState(random);
      const hash = encodeLink(state);
      expect(hash, `state ${i}`).toMatch(/^#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/);
      expect(open(hash), `state ${i}: ${hash}`).toStrictEqual({ state, notices: [] });
      const { dataset, model, training } = state.spec;
      if (model.layers.some((l) => l.type === 'conv2d')) seen.cnn++;
      if (dataset.kind === 'points') seen.points++;
      else if ((dataset.kind === 'images' || dataset.kind === 'ownImages') && dataset.augmentation.shift + dataset.augmentation.rotation + dataset.augmentation.noise > 0) seen.augmentation++;
      if (state.lesson) seen.lessons++;
      if (training.earlyStopping.enabled) seen.earlyStopping++;
    }
    // The sample must cover what it claims to
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThanOrEqual(20);
  });

  it('writes the spiral preset as a short readable link', () => {
    expect(presetLink('spiral-mlp')).toBe('#v=1&data=spiral&noise=0.03&points=800&ratio=0.5' +
      '&layers=dense(64,relu),dense(64,relu),dense(64,relu)&opt=adam&lr=0.01&batch=32&epochs=150&val=0.2&seed=42');
    expect(presetLink('no-such-preset')).toBeNull();
    expect(lessonLink('no-such-lesson')).toBeNull();
  });

  it('writes techniques, views and lesson text only when set, escaping what must be escaped', () => {
    const state: LinkState = { spec: presetSpec('mnist-cnn'), view: 'compare',
      lesson: { title: 'A & B = 100%', note: 'Look: loss+accuracy.', hidden: ['presets'], locked: ['dataset', 'model.layers'] } };
    state.spec.training.precision = 'mixed_float16';
    if (state.spec.dataset.kind === 'images') state.spec.dataset.augmentation.shift = 2;
    const hash = encodeLink(state);
    expect(hash).toContain('&shift=2&');
    expect(hash).toContain('&precision=mixed_float16&view=compare&title=A+%26+B+=+100%25&note=Look:+loss%2Baccuracy%2E' +
      '&hide=presets&lock=dataset,model.layers');
    expect(hash).not.toContain('rotate=');
    expect(open(hash)).toStrictEqual({ state, notices: [] });
  });
});

describe('hand-written links', () => {
  it('start from the preset for their dataset and change only what they name', () => {
    const decoded = open('#v=1&data=mnist&epochs=3');
    const expected = presetSpec('mnist-mlp');
    expected.training.epochs = 3;
    expect(decoded).toStrictEqual({ state: { spec: expected, view: 'train', lesson: null }, notices: [] });
  });

  it('may start from a named preset, read keys and words in any case, and leave out trailing layer values', () => {
    const decoded = open('#v=1&preset=mnist-cnn&LR=0.1&opt=SGD&layers=conv(8,3),bn,maxpool(2),Flatten,dense(10)');
    const expected = presetSpec('mnist-cnn');
    Object.assign(expected.training, { learningRate: 0.1, optimizer: 'sgd' });
    expected.model.layers = [
      { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', kernelInitializer: 'glorotUniform', initStddev: 0.05, l1: 0, l2: 0 },
      { type: 'batchNormalization' }, { type: 'maxPooling2d', poolSize: 2, strides: 2 }, { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'relu', kernelInitializer: 'glorotUniform', initStddev: 0.05, l1: 0, l2: 0 },
    ];
    expect(decoded.notices).toEqual([]);
    expect(decoded.state.spec).toStrictEqual(expected);
  });

  it('give every dataset a model that fits it', () => {
    for (const name of [...Object.keys(POINTS_DATASETS), ...Object.keys(IMAGE_DATASETS)]) {
      const decoded = open(`#v=1&data=${name}`);
      expect(decoded.notices, name).toEqual([]);
      expect(decoded.state.spec.dataset.name).toBe(name);
    }
  });

  it('treat empty text and a lone # as no link', () => {
    for (const hash of ['', '#', '#&&', '   ']) {
      expect(open(hash)).toStrictEqual({ state: { spec: spiralSpec(), view: 'train', lesson: null }, notices: [] });
    }
  });

  it('read a section id as covering the controls inside it', () => {
    expect(listsControl(['dataset'], 'dataset.noise')).toBe(true);
    expect(listsControl(['dataset.noise'], 'dataset')).toBe(false);
    expect(listsControl(['training'], 'training.learningRate')).toBe(true);
  });
});

/** A tampered spiral link: its notices, and the spiral preset with `change` applied as what was kept. */
function expectTampered(hash: string, notices: string[], change: (spec: ReturnType<typeof spiralSpec>) => void = () => {}) {
  const decoded = open(hash);
  expect(decoded.notices).toEqual(notices);
  const expected = spiralSpec();
  change(expected);
  expect(decoded.state.spec).toStrictEqual(expected);
}

describe('tampered links', () => {
  it('name an unknown key, a non-number, an out-of-range and a fractional value, and keep the rest', () => {
    expectTampered(spiral('&colour=red&lr=abc&epochs=5000&batch=2.5&seed=7'), [
      'Ignored colour=red: unknown key.',
      'Ignored lr=abc: not a number; kept 0.01.',
      'Ignored epochs=5000: out of range: must be a whole number from 1 to 1000; kept 150.',
      'Ignored batch=2.5: must be a whole number from 1 to 4096; kept 32.',
    ], (s) => { s.training.seed = 7; });
  });

  it('refuse NaN, Infinity, hex and huge numbers, and read negative zero as zero', () => {
    expectTampered(spiral('&lr=NaN&noise=Infinity&ratio=-Infinity&points=0x200&seed=1e400&epochs=99999999999999999999'), [
      'Ignored lr=NaN: not a number; kept 0.01.',
      'Ignored noise=Infinity: not a number; kept 0.03.',
      'Ignored ratio=-Infinity: not a number; kept 0.5.',
      'Ignored points=0x200: not a number; kept 800.',
      'Ignored seed=1e400: too large a number; kept 42.',
      'Ignored epochs=99999999999999999999: out of range: must be a whole number from 1 to 1000; kept 150.',
    ]);
    const decoded = open(spiral('&val=-0'));
    expect(decoded.notices).toEqual([]);
    expect(Object.is(decoded.state.spec.training.validationSplit, 0)).toBe(true);
  });

  it('name the first malformed layer and keep the preset model', () => {
    const kept = '; kept dense(64,relu),dense(64,relu),dense(64,relu).';
    const cases: [string, string][] = [
      ['dense(64,relu', 'brackets do not match'],
      ['dense(64,relu),bogus(3)', 'layer 2 (bogus(3)) is not a layer type (use dense, conv2d, maxpool, avgpool, dropout, flatten, batchnorm)'],
      ['dense(0)', 'layer 1 (dense(0)) units 0: out of range: must be a whole number from 1 to 4096'],
      ['dense(64,wiggly)', 'layer 1 (dense(64,wiggly)) activation wiggly: must be one of relu, tanh, sigmoid, elu, selu, swish, linear'],
      ['dense(64,relu,l3=1)', 'layer 1 (dense(64,relu,l3=1)) does not take l3='],
      ['dense(8,relu,l2=2)', 'layer 1 (dense(8,relu,l2=2)) l2 2: out of range: must be a number from 0 to 1'],
      ['dropout', 'layer 1 (dropout) needs rate'],
      ['flatten(3)', 'layer 1 (flatten(3)) takes at most 0 values'],
      [Array(40).fill('dense(4)').join(','), '40 layers; the sandbox allows up to 32'],
    ];
    for (const [layers, reason] of cases) {
      const notice = `Ignored layers=${layers.length > 48 ? `${layers.slice(0, 47)}…` : layers}: ${reason}${kept}`;
      expectTampered(spiral(`&layers=${layers}`), [notice]);
    }
  });

  it('replace layers that cannot work on the data, naming the problem', () => {
    expectTampered(spiral('&layers=conv2d(8,3,1,same,relu),flatten'), [
      'Ignored layers=conv2d(8,3,1,same,relu),flatten: conv2d_1 needs an image (height × width × channels), but this ' +
        'dataset gives each example as 2 numbers. Use dense layers, or pick MNIST or Fashion-MNIST; ' +
        'kept dense(64,relu),dense(64,relu),dense(64,relu).',
    ]);
    const tooBig = open('#v=1&data=mnist&layers=conv2d(8,11),maxpool(2),conv2d(8,11),flatten');
    expect(tooBig.notices).toEqual([
      'Ignored layers=conv2d(8,11),maxpool(2),conv2d(8,11),flatten: conv2d_2: kernel 11×11 is larger than its 9×9 input. ' +
        'Use a kernel of at most 9, padding \'same\', or fewer pooling layers before it; kept flatten,dense(128,relu),dense(64,relu).',
    ]);
    const huge = open('#v=1&data=fashion-mnist&layers=flatten,dense(4096),dense(4096)');
    expect(huge.notices[0]).toMatch(/^Ignored layers=flatten,dense\(4096\),dense\(4096\): the model has 20,037,642 parameters/);
    expect(huge.state.spec.model).toStrictEqual(presetSpec('fashion-cnn').model);
  });

  it('refuse settings that contradict the dataset or each other', () => {
    const decoded = open('#v=1&data=bumps&keep=0.5&minority=1&stop=1&val=0&rebalance=oversample&train=100');
    expect(decoded.notices).toEqual([
      'Ignored minority=1: bumps is a regression set and has no classes; kept 0.',
      'Ignored train=100: only for the shipped image sets, not bumps.',
      'Ignored keep=0.5: a regression set has no classes to unbalance: set the kept share back to 1; kept 1.',
      'Ignored stop=1: early stopping watches the validation set: set a validation split above 0, or turn early stopping off; kept 0.',
      'Ignored rebalance=oversample: class weights and oversampling need classes: set rebalancing to none for regression; kept none.',
    ]);
    expect(decoded.state.spec.training.validationSplit).toBe(0);
    expect(open('#v=1&data=mnist&flip=1&minority=10').notices).toEqual([
      'Ignored minority=10: must be one of the 10 classes, 0 to 9; kept 0.',
      'Ignored flip=1: mirroring changes what a digit means (a mirrored 2 is no 2): turn flips off for MNIST; kept 0.',
    ]);
  });

  it('name an unknown dataset, a preset made for other data, and an unknown view', () => {
    expectTampered('#v=1&data=cifar10&view=3d', [
      'Ignored data=cifar10: unknown dataset (one of circle, xor, gaussians, spiral, moons, bumps, mnist, fashion-mnist, penguins, cars); kept spiral.',
      'Ignored view=3d: must be one of train, search, compare, export; kept train.',
    ]);
    const decoded = open('#v=1&preset=mnist-cnn&data=circle');
    expect(decoded.notices).toEqual(['Ignored preset=mnist-cnn: it is made for mnist, not circle.']);
    expect(decoded.state.spec).toStrictEqual(presetSpec('circle-mlp'));
    expect(open('#v=1&preset=spiral-mlp&data=xor').notices).toEqual(['Ignored preset=spiral-mlp: it is made for spiral, not xor.']);
    expect(open('#v=1&preset=mnist-xl').notices[0]).toMatch(/^Ignored preset=mnist-xl: no such preset \(one of spiral-mlp, .*\); kept spiral-mlp\.$/);
  });

  it('keep the first of duplicated keys', () => {
    expectTampered(spiral('&lr=0.1&lr=0.5&v=2'), [
      'Ignored v=2: v is given more than once; the first counts.',
      'Ignored lr=0.5: lr is given more than once; the first counts.',
    ], (s) => { s.training.learningRate = 0.1; });
  });

  it('read a link without a version, with a newer one or a bad one as v=1, and say so', () => {
    expectTampered('#data=spiral&lr=0.1', ['This link has no version key; read it as v=1.'], (s) => { s.training.learningRate = 0.1; });
    expectTampered('#v=9&data=spiral&lr=0.1', ['This link was made by a newer version of the sandbox (v=9); this page ' +
      'reads v=1 links, so some settings may be ignored or read differently.'], (s) => { s.training.learningRate = 0.1; });
    expectTampered('#v=abc&data=spiral', ['Ignored v=abc: not a link version; kept 1.']);
  });

  it('name broken percent-encoding and pieces that are no pairs', () => {
    const decoded = open('#v=1&data=spiral&note=%E0%A4%A&hello&title=Hi');
    expect(decoded.notices).toEqual([
      'Ignored note=%E0%A4%A: broken percent-encoding (a literal % is written %25).',
      'Ignored hello: not a key=value pair.',
    ]);
    expect(decoded.state.lesson).toStrictEqual({ title: 'Hi', note: '', hidden: [], locked: [] });
    expect(open('#%E0%A4%A').notices).toEqual(['Ignored %E0%A4%A: not a key=value pair.']);
  });

  it('drop unknown controls and bad lesson ids from a lesson', () => {
    const decoded = open(spiral('&title=T&hide=dataset,warp.drive,dataset&lock=model&lesson=Bad Id!'));
    expect(decoded.notices).toEqual([
      'Ignored hide=warp.drive: not a control name (such as dataset, model.layers, training.learningRate).',
      'Ignored lesson=Bad Id!: a lesson id is 1 to 40 lower-case letters, digits and dashes.',
    ]);
    expect(decoded.state.lesson).toStrictEqual({ title: 'T', note: '', hidden: ['dataset'], locked: ['model'] });
  });

  it('cut a very long note, and sum up a flood of bad keys in one line', () => {
    const long = open(spiral(`&title=T&note=${'a'.repeat(100_000)}`));
    expect(long.notices).toEqual([`Shortened note=${'a'.repeat(23)}… to its first 1000 characters.`]);
    expect(long.state.lesson!.note).toBe('a'.repeat(1000));
    const flood = open(spiral(Array.from({ length: 5000 }, (_, i) => `&k${i}=${i}`).join('')));
    expect(flood.notices).toHaveLength(20);
    expect(flood.notices[19]).toBe('…and 4981 more problems with this link.');
    expect(flood.state.spec).toStrictEqual(spiralSpec());
  });
});

describe('links with an A/B comparison', () => {
  it('carry the variant as the fields it changes, and restore it exactly', async () => {
    const { encodeLink, decodeLink } = await import('../../../src/state/link/link');
    const { presetSpec, dropout } = await import('../../../src/engine/model/presets');
    const spec = presetSpec('moons-mlp');
    const variant = structuredClone(spec);
    variant.model.layers.splice(1, 0, dropout(0.5));
    variant.training.learningRate = 0.003;
    const link = encodeLink({ spec, view: 'train', lesson: null, variant });
    expect(link).toContain('&ab=1&b.layers=dense(16,relu),dropout(0.5),dense(16,relu)&b.lr=0.003');
    const decoded = decodeLink(link);
    expect(decoded.notices).toEqual([]);
    expect(decoded.state.variant).toEqual(variant);
    expect(decoded.state.spec).toEqual(spec);
  });

  it('reads a broken B setting as A\'s, with a notice marked B', async () => {
    const { decodeLink } = await import('../../../src/state/link/link');
    const { presetLink } = await import('../../../src/state/link/link');
    const decoded = decodeLink(`${presetLink('moons-mlp')}&ab=1&b.lr=fast&b.layers=conv2d(8,3,1,same,relu),flatten`);
    expect(decoded.state.variant?.training.learningRate).toBe(0.01);
    expect(decoded.notices[0]).toBe('Ignored b.lr=fast: not a number; kept 0.01.');
    expect(decoded.notices[1]).toMatch(/^B: Ignored layers=conv2d\(8,3,1,same,relu\),flatten: conv2d_1 needs an image/);
  });
});
