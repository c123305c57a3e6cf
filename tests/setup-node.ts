// Unit tests run on tfjs's CPU backend under Node. PROD silences tfjs's advice to install tfjs-node, which is
// not for us (the product runs in browsers); it only gates warnings. Leaks are checked by the tests themselves.
import * as tf from '@tensorflow/tfjs';

tf.env().set('PROD', true);
await tf.setBackend('cpu');
