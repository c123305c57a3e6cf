"""One Python process for the whole tier (torch takes seconds to import): loads each exported script as a
module, runs its model on the test inputs with the exported weights, replays its seeded generator and point
sets, decodes .tsds files, and checks what each script imports. Reads a job (JSON) and writes results (JSON).
Usage: python3 harness.py job.json results.json"""
import ast
import hashlib
import importlib.util
import json
import py_compile
import sys

import numpy as np
import torch

ALLOWED = {'torch', 'numpy'}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def foreign_imports(path):
    """Top-level modules the script imports that are neither torch, numpy nor the standard library."""
    tree = ast.parse(open(path).read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split('.')[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split('.')[0])
    return sorted(n for n in names if n not in ALLOWED and n not in sys.stdlib_module_names)


def run_model(module, weights, inputs):
    torch.manual_seed(0)
    model = module.Model()
    module.load_keras_weights(model, weights)
    model.eval()
    with torch.no_grad():
        return model(torch.from_numpy(inputs)).numpy().astype(np.float32)


def main(job_path, out_path):
    job = json.load(open(job_path))
    results = {'cases': [], 'streams': [], 'points': [], 'tsds': []}
    module = None
    for i, case in enumerate(job['cases']):
        py_compile.compile(case['script'], doraise=True)
        module = load(case['script'], f'case{i}')
        inputs = np.fromfile(case['inputs'], dtype='<f4').reshape([-1, *case['inputShape']])
        for key in ('float32', 'uint8'):
            run_model(module, case[key], inputs).tofile(f'{case["dir"]}/torch-{key}.bin')
        results['cases'].append({'foreignImports': foreign_imports(case['script'])})
    for stream in job['streams']:
        random = module.Random(stream['seed'])
        results['streams'].append([random.uint32() for _ in range(stream['n'])] + [random.normal(), random.fork()])
    for p in job['points']:
        train_x, train_y, test_x, test_y = module.generate_points(p['name'], p['numPoints'], p['noise'], p['trainRatio'], p['seed'], p['regression'])
        results['points'].append({'trainX': train_x.astype(np.float64).ravel().tolist(), 'trainY': train_y.astype(np.float64).tolist(),
                                  'testX': test_x.astype(np.float64).ravel().tolist(), 'testY': test_y.astype(np.float64).tolist()})
    for path in job['tsds']:
        images, labels = module.read_tsds(path)
        results['tsds'].append({'shape': list(images.shape), 'images': hashlib.sha256(images.tobytes()).hexdigest(),
                                'labels': hashlib.sha256(labels.tobytes()).hexdigest()})
    json.dump(results, open(out_path, 'w'))


if __name__ == '__main__':
    main(*sys.argv[1:])
