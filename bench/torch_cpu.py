# PyTorch on one CPU thread, the models of bench/cpu.ts (the reference MLPs and the MNIST CNN preset), Adam at
# 1e-3, random MNIST-shaped data: what one core can do, for the CPU table. Prints one JSON line per model.
# Run with Debian's interpreter (python3-torch): /usr/bin/python3 bench/torch_cpu.py '<json list of cases>'
import json, sys, time
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(1)

def mlp(hidden):
    layers, width = [nn.Flatten()], 784
    for h in hidden:
        layers += [nn.Linear(width, h), nn.ReLU()]
        width = h
    return nn.Sequential(*layers, nn.Linear(width, 10))

def mnist_cnn():
    # conv 8 5×5 same → pool → conv 16 5×5 valid → pool → dense 120 → dense 84 → 10, as the mnist-cnn preset
    return nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))

for case in json.loads(sys.argv[1]):
    model = mnist_cnn() if case['model'] == 'mnist-cnn' else mlp(case['hidden'])
    bs, steps, warm = case['batchSize'], case['steps'], case['warmSteps']
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand((warm + steps) * bs, 1, 28, 28)
    y = torch.randint(0, 10, ((warm + steps) * bs,))

    def run(start, count):
        for i in range(start, start + count):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i * bs:(i + 1) * bs]), y[i * bs:(i + 1) * bs])
            loss.backward()
            opt.step()
        return loss.item()

    run(0, warm)
    t0 = time.perf_counter()
    loss = run(warm, steps)
    seconds = time.perf_counter() - t0
    print(json.dumps({**case, 'examplesPerSecond': steps * bs / seconds, 'loss': loss, 'torch': torch.__version__}))
