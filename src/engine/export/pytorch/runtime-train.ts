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


def scheduled_lr(base, step, epoch, steps_per_epoch):
    """The learning rate for this step under SCHEDULE (None: constant)."""
    s = SCHEDULE
    if not s or s.get('kind', s.get('type', 'constant')) in ('constant', 'none'):
        return base
    kind = s.get('kind', s.get('type'))
    warmup = s.get('warmupEpochs', 0) * steps_per_epoch + s.get('warmupSteps', 0)
    if warmup and step < warmup:
        return base * (step + 1) / warmup
    if kind in ('step', 'stepDecay'):
        return base * s.get('factor', s.get('decayRate', 0.1)) ** (epoch // max(1, s.get('every', s.get('stepEpochs', 10))))
    if kind in ('exponential', 'exponentialDecay'):
        return base * s.get('decayRate', 0.96) ** (step / max(1, s.get('decaySteps', steps_per_epoch)))
    if kind in ('cosine', 'cosineDecay'):
        total = max(1, s.get('decaySteps', EPOCHS * steps_per_epoch) - warmup)
        t = min(1.0, (step - warmup) / total)
        alpha = s.get('alpha', s.get('minFactor', 0.0))
        return base * (alpha + (1 - alpha) * 0.5 * (1 + math.cos(math.pi * t)))
    sys.exit(f'learning-rate schedule {s!r} is not one this script knows: edit scheduled_lr()')


def clip_gradients(params):
    """Keras's clipvalue (each value), clipnorm (each tensor's L2 norm) and global_clipnorm (all together)."""
    grads = [p.grad for p in params if p.grad is not None]
    if CLIPVALUE > 0:
        for g in grads:
            g.clamp_(-CLIPVALUE, CLIPVALUE)
    if CLIPNORM > 0:
        for g in grads:
            g.mul_(CLIPNORM / torch.clamp(g.norm(), min=CLIPNORM))
    if GLOBAL_CLIPNORM > 0:
        torch.nn.utils.clip_grad_norm_([p for p in params if p.grad is not None], GLOBAL_CLIPNORM)


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
