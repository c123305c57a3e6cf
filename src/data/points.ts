// 2D datasets in the spirit of TensorFlow Playground, generated from a seed. Points live in about [-1, 1]².
import { POINTS_DATASETS, type PointsDatasetName } from './catalog';
import type { Dataset, Split } from './dataset';
import { Random, permutation } from './random';

export interface PointsOptions {
  name: PointsDatasetName;
  numPoints: number;
  /** Standard deviation of gaussian noise added to each coordinate (and to the target, for regression). */
  noise: number;
  trainRatio: number;
  seed: number;
}

/** One generated example: coordinates and a class index (or a target value for regression). */
type Point = [x: number, y: number, label: number];
type Generator = (n: number, noise: number, random: Random) => Point[];

/** Half the points inside radius 0.5 (class 1), half on a ring from 0.7 to 1 (class 0). */
const circle: Generator = (n, noise, random) =>
  Array.from({ length: n }, (_, i) => {
    const inside = i % 2 === 1;
    const r = inside ? random.uniform(0, 0.5) : random.uniform(0.7, 1);
    const angle = random.uniform(0, 2 * Math.PI);
    return jitter([r * Math.sin(angle), r * Math.cos(angle), inside ? 1 : 0], noise, random);
  });

/** Uniform points kept a little away from the axes; class 1 where x and y share a sign. */
const xor: Generator = (n, noise, random) =>
  Array.from({ length: n }, () => {
    const padding = 0.05;
    const x = random.uniform(-1, 1);
    const y = random.uniform(-1, 1);
    const px = x + (x > 0 ? padding : -padding);
    const py = y + (y > 0 ? padding : -padding);
    return jitter([px * 0.9, py * 0.9, px * py >= 0 ? 1 : 0], noise, random);
  });

/** Two isotropic blobs of standard deviation 0.2 centred at ±(0.4, 0.4). */
const gaussians: Generator = (n, noise, random) =>
  Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const centre = label === 1 ? 0.4 : -0.4;
    const x = centre + 0.2 * random.normal();
    const y = centre + 0.2 * random.normal();
    return jitter([x, y, label], noise, random);
  });

/** Two arms: radius grows linearly to 0.9 over 1.75 turns; the second arm is the first rotated by π. */
const spiral: Generator = (n, noise, random) => {
  const perArm = Math.ceil(n / 2);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const t = Math.floor(i / 2) / perArm;
    const r = 0.9 * t;
    const angle = 1.75 * 2 * Math.PI * t + label * Math.PI;
    return jitter([r * Math.sin(angle), r * Math.cos(angle), label], noise, random);
  });
};

/** scikit-learn's two moons, scaled into [-1, 1]: the upper half circle and a lower one shifted right. */
const moons: Generator = (n, noise, random) =>
  Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const t = random.uniform(0, Math.PI);
    const [x, y] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    return jitter([(x - 0.5) / 1.6, (y - 0.25) / 1.6, label], noise, random);
  });

/** Fixed bumps (centre x, centre y, height) of width 0.35; the target is their sum, in about [-1, 1]. */
const BUMPS: [number, number, number][] = [[-0.5, -0.4, 1], [0.45, 0.5, 1], [0.5, -0.5, -1], [-0.45, 0.5, -1], [0, 0, 0.6]];
export function bumpsSurface(x: number, y: number): number {
  return BUMPS.reduce((sum, [cx, cy, h]) => sum + h * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 0.35 ** 2)), 0);
}
const bumps: Generator = (n, noise, random) =>
  Array.from({ length: n }, () => {
    const x = random.uniform(-1, 1);
    const y = random.uniform(-1, 1);
    return [x, y, bumpsSurface(x, y) + noise * random.normal()];
  });

const GENERATORS: Record<PointsDatasetName, Generator> = { circle, xor, gaussians, spiral, moons, bumps };

function jitter([x, y, label]: Point, noise: number, random: Random): Point {
  return [x + noise * random.normal(), y + noise * random.normal(), label];
}

/** Generates the points, shuffles them and splits them into train and test by trainRatio. */
export function generatePoints(options: PointsOptions): Dataset {
  const info = POINTS_DATASETS[options.name];
  const random = new Random(options.seed);
  const points = GENERATORS[options.name](options.numPoints, options.noise, random);
  const order = permutation(points.length, random);
  const trainCount = Math.max(1, Math.min(points.length - 1, Math.round(points.length * options.trainRatio)));
  const regression = info.task === 'regression';
  const toSplit = (indices: Int32Array): Split => {
    const x = new Float32Array(indices.length * 2);
    const y = regression ? new Float32Array(indices.length) : new Int32Array(indices.length);
    indices.forEach((index, i) => {
      const [px, py, label] = points[index];
      x[2 * i] = px;
      x[2 * i + 1] = py;
      y[i] = label;
    });
    return { x, y, count: indices.length };
  };
  return { info, train: toSplit(order.subarray(0, trainCount)), test: toSplit(order.subarray(trainCount)) };
}
