// The experiment as one self-contained PyTorch training script: the spec's settings as named constants, the
// model layer by layer, and the sandbox's data, optimizer, loss and augmentation ported so the run means the
// same thing on a GPU server or a cluster (torchrun + DistributedDataParallel). tfjs-free: runs anywhere.
import { datasetInfo } from '../../../data/catalog';
import type { ExperimentSpec } from '../../model/spec';
import { layerNames } from '../../model/summary';
import { py, pyDict } from './python';
import { modelCode } from './model-code';
import { DATA_PY } from './runtime-data';
import { MAIN_PY } from './runtime-main';
import { RANDOM_PY } from './runtime-random';
import { TRAIN_PY } from './runtime-train';
import { WEIGHTS_PY } from './runtime-weights';
import { clippingOf, scheduleOf } from './spec-extras';
import { TFJS_OPTIMIZER_CONSTANTS as OPTIMIZER_DEFAULTS } from './tfjs-constants';

export interface ScriptOptions {
  /** What the script is called, for its usage lines ("mnist-3layers.py"). */
  fileName?: string;
  /** The model.json exported beside it, for the usage lines. */
  weightsFileName?: string;
  /** A title for the first line, e.g. the preset's. */
  title?: string;
}

/** Why a script is not written for own data and tables: the script regenerates or reads the shipped data only. */
export const UNSUPPORTED = 'The PyTorch script reproduces runs on the shipped 2D and image sets; for a table or own images, export the model files (model.json + weights), which keep the preprocessing.';

function settings(spec: ExperimentSpec): string {
  const info = datasetInfo(spec.dataset);
  const t = spec.training;
  const d = spec.dataset;
  const clip = clippingOf(t);
  const names = layerNames(spec.model.layers);
  const regularized = spec.model.layers.flatMap((layer, i) =>
    (layer.type === 'dense' || layer.type === 'conv2d') && (layer.l1 > 0 || layer.l2 > 0) ? [[names[i], layer.l1, layer.l2]] : []);
  if (d.kind === 'table' || d.kind === 'ownImages') throw new Error(UNSUPPORTED);
  const data = d.kind === 'points'
    ? `POINTS = ${pyDict({ name: d.name, numPoints: d.numPoints, noise: d.noise, trainRatio: d.trainRatio })}  # regenerated from SEED`
    : `TRAIN_SIZE = ${d.trainSize}  # examples from the training files (validation is carved out of these)\nTEST_SIZE = ${d.testSize}`;
  const augmentation = d.kind === 'images' ? d.augmentation : { shift: 0, rotation: 0, noise: 0, flip: false };
  return `# ---- The experiment, as the sandbox ran it ----
SPEC = json.loads(${JSON.stringify(JSON.stringify(spec))})
DATASET = ${py(d.name)}
DATASET_KIND = ${py(d.kind)}
TASK = ${py(info.task)}
INPUT_SHAPE = (${info.inputShape.join(', ')},)
NUM_CLASSES = ${info.task === 'regression' ? 1 : info.classNames.length}
CLASS_NAMES = ${py(info.classNames)}
${data}
IMBALANCE = ${pyDict({ minorityClass: d.imbalance.minorityClass, keep: d.imbalance.keep })}
AUGMENTATION = ${pyDict({ ...augmentation })}

OPTIMIZER = ${py(t.optimizer)}
LEARNING_RATE = ${py(t.learningRate)}
BATCH_SIZE = ${t.batchSize}  # the global batch: with N processes each takes ceil(BATCH_SIZE / N) per step
EPOCHS = ${t.epochs}
VALIDATION_SPLIT = ${py(t.validationSplit)}
FOLDS = ${t.folds}
SEED = ${t.seed}
PRECISION = ${py(t.precision)}
LOSS_SCALING = ${pyDict({ ...t.lossScaling })}
EARLY_STOPPING = ${pyDict({ ...t.earlyStopping })}
REBALANCE = ${py(t.rebalance)}
REGULARIZED = ${py(regularized)}  # (layer, l1, l2): Keras's kernel penalties, added to the loss
CLIPNORM = ${py(clip.clipnorm)}
CLIPVALUE = ${py(clip.clipvalue)}
GLOBAL_CLIPNORM = ${py(clip.globalClipnorm)}
SCHEDULE = ${py(scheduleOf(t))}

# tfjs's constants, which differ from PyTorch's defaults
ADAM_BETAS = (${OPTIMIZER_DEFAULTS.beta1}, ${OPTIMIZER_DEFAULTS.beta2})
EPSILON = ${py(OPTIMIZER_DEFAULTS.epsilon)}  # tfjs's Adam/RMSprop epsilon; torch's Adam default is 1e-8
MOMENTUM = ${OPTIMIZER_DEFAULTS.momentum}
RMSPROP_RHO = ${OPTIMIZER_DEFAULTS.rho}  # torch's RMSprop default alpha is 0.99
BN_MOMENTUM_KERAS = 0.99  # Keras keeps 99% of the moving average; torch's momentum=0.01 means the same
BN_EPSILON = 1e-3  # Keras's; torch's default is 1e-5
`;
}

function header(spec: ExperimentSpec, options: ScriptOptions): string {
  const file = options.fileName ?? 'experiment.py';
  const weights = options.weightsFileName ?? 'model.json';
  const names = layerNames(spec.model.layers);
  const layers = spec.model.layers.map((l, i) => `${names[i]} (${describeLayer(l)})`).join(', ') || 'no hidden layers';
  const t = spec.training;
  return `#!/usr/bin/env python3
"""${options.title ?? 'An experiment'} from the training sandbox, as a PyTorch script.

Dataset: ${spec.dataset.name}. Layers: ${layers}, then the output layer.
Training: ${t.optimizer} at learning rate ${t.learningRate}, batch ${t.batchSize}, ${t.epochs} epochs, seed ${t.seed}, ${t.precision}.

Needs only torch and numpy. Run it:
  python3 ${file}                                    # train on the CPU or one GPU
  torchrun --nproc_per_node=4 ${file}                # 4 GPUs on this machine (NCCL), DistributedDataParallel
  torchrun --nnodes=2 --node_rank=0 --nproc_per_node=8 --master_addr=HOST --master_port=29500 ${file}
                                                     # 2 machines of 8 GPUs (run on each with its node_rank)
  python3 ${file} --weights ${weights} --evaluate   # the browser's trained weights: its test accuracy
  python3 ${file} --weights ${weights}              # continue training from them
  python3 ${file} --weights ${weights} --onnx model.onnx   # ONNX, for ONNX Runtime, TFLite, Core ML
Without torchrun (Debian's PyTorch 1.13 on Python 3.11 breaks its launcher), start N copies yourself with
MASTER_ADDR, MASTER_PORT, WORLD_SIZE=N, and RANK / LOCAL_RANK from 0 to N-1.
Batch: BATCH_SIZE is the global batch; each of N processes takes ceil(BATCH_SIZE / N) per step, so the
learning rate stays the run's. With --batch-size B (global), --lr-scaling linear multiplies it by B / BATCH_SIZE.
Image data: the sandbox's datasets folder (manifest.json + .tsds files) in ./datasets or --data DIR;
--idx DIR reads the original IDX files, --full uses every example instead of the run's sizes.
Initial weights come from torch's generator seeded with SEED, not from the browser's (use --weights for those).
"""
import argparse
import contextlib
import copy
import gzip
import hashlib
import json
import math
import os
import re
import struct
import sys
import time
from types import SimpleNamespace

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DistributedSampler
`;
}

function describeLayer(layer: ExperimentSpec['model']['layers'][number]): string {
  switch (layer.type) {
    case 'dense': return `${layer.units} units, ${layer.activation}${layer.l1 || layer.l2 ? `, l1 ${layer.l1}, l2 ${layer.l2}` : ''}`;
    case 'conv2d': return `${layer.filters} filters ${layer.kernelSize}x${layer.kernelSize}, stride ${layer.strides}, ${layer.padding}, ${layer.activation}`;
    case 'maxPooling2d':
    case 'averagePooling2d': return `pool ${layer.poolSize}, stride ${layer.strides}`;
    case 'dropout': return `rate ${layer.rate}`;
    case 'batchNormalization': return 'momentum 0.99, epsilon 1e-3';
    case 'flatten': return 'NHWC order';
  }
}

/** The whole .py file for `spec`. */
export function pytorchScript(spec: ExperimentSpec, options: ScriptOptions = {}): string {
  return [header(spec, options), settings(spec), RANDOM_PY, DATA_PY, WEIGHTS_PY, `\n# ---- The model ----\n${modelCode(spec).text}`, TRAIN_PY, MAIN_PY]
    .join('\n').replace(/\n{3,}/g, '\n\n\n').trimEnd() + '\n';
}
