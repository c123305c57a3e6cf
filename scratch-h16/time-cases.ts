import * as tf from '@tensorflow/tfjs';
import { Random } from '../src/data/random';
import { PRESETS } from '../src/engine/model/presets';
import { randomSpec } from '../tests/state/link/random-link';
import { buildCase } from '../tests/python/cases';
import { summarize } from '../src/engine/model/summary';
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const random = new Random(16);
const specs = [...PRESETS.map((p) => ({ label: p.id, spec: p.spec })), ...Array.from({ length: 16 }, (_, i) => ({ label: `random-${i}`, spec: randomSpec(random) }))];
for (const { label, spec } of specs) {
  const t = performance.now();
  await buildCase(spec, label, '/tmp/h16/cases');
  const s = spec.dataset.kind === 'images' ? spec.dataset.augmentation : null;
  console.log(label, ((performance.now() - t) / 1000).toFixed(1), 's', spec.dataset.name, summarize(spec).totalParams, spec.model.layers.map((l) => l.type === 'conv2d' ? `c${l.filters}k${l.kernelSize}s${l.strides}` : l.type[0]).join(','), JSON.stringify(s), spec.training.rebalance);
}
