"""PyTorch's gradient norms for a dense network given as JSON (kernels [in, out] as tfjs stores them, biases,
hidden activations, inputs, integer labels): the mean softmax cross-entropy's gradient norm per kernel, and
each hidden layer's dead-ReLU share (units zero for every example) and saturated share.
Usage: python3 gradient_oracle.py job.json results.json"""
import json
import sys

import torch

ACTIVATIONS = {'relu': torch.relu, 'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'linear': lambda z: z}


def main(job_path, out_path):
    job = json.load(open(job_path))
    x = torch.tensor(job['x'], dtype=torch.float64).reshape(-1, job['inputs'])
    y = torch.tensor(job['y'], dtype=torch.int64)
    kernels = [torch.tensor(k['values'], dtype=torch.float64).reshape(k['shape']).requires_grad_() for k in job['kernels']]
    biases = [torch.tensor(b, dtype=torch.float64) for b in job['biases']]
    h = x
    stats = []
    for i, activation in enumerate(job['activations']):
        h = ACTIVATIONS[activation](h @ kernels[i] + biases[i])
        a = h.detach()
        dead = (a.max(dim=0).values <= 0).double().mean().item()
        if activation == 'tanh':
            saturated = ((1 - a.abs()) < 2 * job['saturation']).double().mean().item()
        else:
            saturated = (torch.minimum(a, 1 - a) < job['saturation']).double().mean().item()
        stats.append({'dead': dead, 'saturated': saturated})
    logits = h @ kernels[-1] + biases[-1]
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    json.dump({'norms': [k.grad.norm().item() for k in kernels], 'stats': stats}, open(out_path, 'w'))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
