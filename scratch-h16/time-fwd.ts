import * as tf from '@tensorflow/tfjs';
import { PRESETS } from '../src/engine/model/presets';
import { Network } from '../src/engine/model/network';
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const spec = PRESETS.find((p) => p.id === 'fashion-cnn')!.spec;
const n = new Network(spec);
for (const b of [32, 256]) {
  const t = performance.now();
  const out = tf.tidy(() => n.forward(tf.zeros([b, 28, 28, 1]), { training: false }));
  await out.data();
  console.log('forward', b, ((performance.now() - t) / 1000).toFixed(1));
  const t2 = performance.now();
  const g = tf.variableGrads(() => tf.sum(n.forward(tf.zeros([b, 28, 28, 1]), { training: true })) as tf.Scalar, n.trainable);
  await g.value.data();
  console.log('grad', b, ((performance.now() - t2) / 1000).toFixed(1));
  if (b === 32) continue;
}
