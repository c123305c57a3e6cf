// Python text for the exported script: the training step with tfjs's optimizer definitions, Keras's loss terms
// (L1/L2 penalties added to the loss, class weights as Keras's class_weight), gradient clipping, the
// learning-rate schedule, the augmentation, early stopping, mixed precision, and the seeded sampler that makes
// every process of a DistributedDataParallel run take its share of the browser's batch order.

export const TRAIN_PY = String.raw`
# ---- Optimizers with tfjs's definitions (src/engine/train/optimizers.ts) ----
class TfjsRMSprop(torch.optim.Optimizer):
    """tfjs's RMSprop: s <- rho*s + (1-rho)*g^2; w <- w - lr*g/sqrt(s + eps). torch.optim.RMSprop adds eps
    after the square root and defaults to rho 0.99, so it would train differently."""

    def __init__(self, params, lr, rho, eps):
        super().__init__(params, dict(lr=lr, rho=rho, eps=eps))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if 'mean_square' not in state:
                    state['mean_square'] = torch.zeros_like(p)
                s = state['mean_square']
                s.mul_(group['rho']).addcmul_(p.grad, p.grad, value=1 - group['rho'])
                p.addcdiv_(p.grad, (s + group['eps']).sqrt(), value=-group['lr'])


def make_optimizer(params, lr):
    # Adam's epsilon is tfjs's 1e-7 (torch's default is 1e-8); momentum is tfjs's a <- m*a + g, torch's SGD too.
    if OPTIMIZER == 'sgd':
        return torch.optim.SGD(params, lr=lr)
    if OPTIMIZER == 'momentum':
        return torch.optim.SGD(params, lr=lr, momentum=MOMENTUM)
    if OPTIMIZER == 'adam':
        return torch.optim.Adam(params, lr=lr, betas=ADAM_BETAS, eps=EPSILON)
    return TfjsRMSprop(params, lr=lr, rho=RMSPROP_RHO, eps=EPSILON)


def scheduled_lr(base, step, steps_per_epoch, total_steps):
    """The learning rate for this step (step 0 is the first batch), as the sandbox's schedules define them
    (Keras's StepDecay-like, ExponentialDecay, CosineDecay with warm-up, triangular cyclical)."""
    s = SCHEDULE or {'kind': 'constant'}
    kind = s['kind']
    if kind == 'stepDecay':
        return base * s['factor'] ** math.floor(step / steps_per_epoch / s['everyEpochs'])
    if kind == 'exponentialDecay':
        return base * s['factor'] ** (step / (s['everyEpochs'] * steps_per_epoch))
    if kind == 'cosineDecay':
        warmup = js_round(s['warmupEpochs'] * steps_per_epoch)
        if step < warmup:
            return base * step / warmup
        decay = max(1, total_steps - warmup)
        t = min(step - warmup, decay)
        return base * ((1 - s['alpha']) * 0.5 * (1 + math.cos(math.pi * t / decay)) + s['alpha'])
    if kind == 'cyclical':
        size = max(1, s['everyEpochs'] * steps_per_epoch)
        cycle = math.floor(1 + step / (2 * size))
        x = abs(step / size - 2 * cycle + 1)
        return base + (s['maxLearningRate'] - base) * max(0, 1 - x)
    return base


class ReduceOnPlateau:
    """Keras's ReduceLROnPlateau on val_loss (min_delta 1e-4, no cooldown), when SCHEDULE asks for it."""

    def __init__(self, base):
        self.rate, self.best, self.wait = base, math.inf, 0

    def epoch_end(self, val_loss):
        if val_loss < self.best - 1e-4:
            self.best, self.wait = val_loss, 0
            return
        self.wait += 1
        if self.wait >= SCHEDULE['patience']:
            self.rate = max(self.rate * SCHEDULE['factor'], SCHEDULE['minLearningRate'])
            self.wait = 0


def clip_gradients(params):
    """Keras's clipnorm (each tensor's L2 norm), else global_clipnorm (all together), else clipvalue (each value):
    one at a time, as Keras 3 allows."""
    grads = [p.grad for p in params if p.grad is not None]
    if CLIPNORM > 0:
        for g in grads:
            g.mul_(CLIPNORM / torch.clamp(g.norm(), min=CLIPNORM))
    elif GLOBAL_CLIPNORM > 0:
        torch.nn.utils.clip_grad_norm_([p for p in params if p.grad is not None], GLOBAL_CLIPNORM)
    elif CLIPVALUE > 0:
        for g in grads:
            g.clamp_(-CLIPVALUE, CLIPVALUE)


# ---- Keras's loss terms ----
def kernel_penalty(model):
    """Keras's kernel regularizers: sum of l1*sum|W| + l2*sum W^2, added to the loss (not weight decay)."""
    total = 0.0
    for name, l1, l2 in REGULARIZED:
        w = getattr(model, name).weight
        if l1 > 0:
            total = total + l1 * w.abs().sum()
        if l2 > 0:
            total = total + l2 * w.square().sum()
    return total


def data_loss(out, y, class_weights=None):
    if TASK == 'regression':
        return F.mse_loss(out, y)
    # Keras's class_weight: mean over the batch of w_y * cross-entropy (torch's weight= divides by sum of w_y instead)
    per_example = F.cross_entropy(out, y, reduction='none')
    return (per_example * class_weights[y]).mean() if class_weights is not None else per_example.mean()


# ---- Augmentation (src/engine/train/augment.ts): the same draws from the same seeded stream ----
def augment_batch(x, random):
    """x [batch, h, w, c] in [0, 1] -> shifted, rotated, mirrored (one bilinear affine map per image), noised."""
    a = AUGMENTATION
    batch, height, width, _ = x.shape
    if a['shift'] > 0 or a['rotation'] > 0 or a['flip']:
        cx, cy = (width - 1) / 2, (height - 1) / 2
        rows = []
        for _ in range(batch):
            theta = random.uniform(-a['rotation'], a['rotation']) * math.pi / 180
            dx = random.uniform(-a['shift'], a['shift']) if a['shift'] > 0 else 0
            dy = random.uniform(-a['shift'], a['shift']) if a['shift'] > 0 else 0
            mirror = -1 if a['flip'] and random.next() < 0.5 else 1
            a0, a1, b0, b1 = math.cos(theta) * mirror, math.sin(theta), -math.sin(theta) * mirror, math.cos(theta)
            ox, oy = cx + dx, cy + dy
            rows.append([a0, a1, cx - a0 * ox - a1 * oy, b0, b1, cy - b0 * ox - b1 * oy])
        m = torch.tensor(rows, dtype=torch.float32, device=x.device)
        ys, xs = torch.meshgrid(torch.arange(height, device=x.device, dtype=torch.float32),
                                torch.arange(width, device=x.device, dtype=torch.float32), indexing='ij')
        # output pixel (x, y) samples the input at (a0*x + a1*y + a2, b0*x + b1*y + b2), as tf.image.transform
        sx = m[:, 0, None, None] * xs + m[:, 1, None, None] * ys + m[:, 2, None, None]
        sy = m[:, 3, None, None] * xs + m[:, 4, None, None] * ys + m[:, 5, None, None]
        grid = torch.stack([2 * sx / max(1, width - 1) - 1, 2 * sy / max(1, height - 1) - 1], dim=-1)
        x = F.grid_sample(x.permute(0, 3, 1, 2), grid, mode='bilinear', padding_mode='zeros', align_corners=True).permute(0, 2, 3, 1)
    if a['noise'] > 0:
        random.fork()  # the browser draws a seed for its noise here; keep the stream in step
        x = torch.clamp(x + a['noise'] * torch.randn_like(x), 0, 1)
    return x


def is_augmenting():
    a = AUGMENTATION
    return DATASET_KIND == 'images' and (a['shift'] > 0 or a['rotation'] > 0 or a['noise'] > 0 or a['flip'])


# ---- Batch order: the browser's, shared out by DistributedSampler's rule ----
class SeededDistributedSampler(DistributedSampler):
    """Every process draws the same epoch order from the sandbox's seeded shuffle (or oversampling) of the
    whole fitted set and takes every world_size-th example of it, as DistributedSampler does. One process
    gets the browser's exact batches; N processes of batch b/N together make the browser's batch b."""

    def __init__(self, count, labels, num_replicas, rank):
        super().__init__(range(count), num_replicas=num_replicas, rank=rank, shuffle=False, drop_last=False)
        self.count, self.labels = count, labels
        self.random = Random(SEED ^ 0x51)

    def __iter__(self):
        if REBALANCE == 'oversample' and self.labels is not None:
            order = oversampled_order(self.labels, NUM_CLASSES, self.random)
        else:
            order = permutation(self.count, self.random)
        total = math.ceil(len(order) / self.num_replicas) * self.num_replicas
        order = (order * math.ceil(total / len(order)))[:total]  # pad by repeating, as DistributedSampler does
        return iter(order[self.rank:total:self.num_replicas])


# ---- Evaluation and Keras's EarlyStopping ----
@torch.no_grad()
def evaluate(model, x, y, device):
    """(loss with the kernel penalty, as Keras reports it; accuracy or None) over a whole split."""
    model.eval()
    loss_sum, correct = 0.0, 0
    for start in range(0, len(x), 1024):
        xb, yb = x[start:start + 1024].to(device), y[start:start + 1024].to(device)
        out = model(xb).float()
        loss_sum += data_loss(out, yb).item() * len(xb)
        if TASK == 'classification':
            correct += (out.argmax(1) == yb).sum().item()
    loss = loss_sum / len(x) + float(kernel_penalty(model))
    return loss, (correct / len(x) if TASK == 'classification' else None)


class EarlyStopper:
    """Stops when the monitored value has not improved for PATIENCE epochs; optionally restores the best weights
    (only when it stops early, as Keras does)."""

    def __init__(self, model):
        self.model, self.best, self.best_epoch, self.wait, self.snapshot = model, None, 0, 0, None
        self.by_loss = EARLY_STOPPING['monitor'] == 'val_loss'

    def update(self, epoch, loss, accuracy):
        value = loss if self.by_loss else accuracy
        if self.best is None or (value < self.best if self.by_loss else value > self.best):
            self.best, self.best_epoch, self.wait = value, epoch, 0
            if EARLY_STOPPING['restoreBestWeights']:
                self.snapshot = copy.deepcopy(self.model.state_dict())
            return False
        self.wait += 1
        if self.wait < EARLY_STOPPING['patience']:
            return False
        if EARLY_STOPPING['restoreBestWeights'] and self.snapshot is not None:
            self.model.load_state_dict(self.snapshot)
        return True
`;
