// Python text for the exported script: the data as the engine prepares it, one process's training loop under
// DistributedDataParallel (torchrun's environment variables, NCCL on GPUs, gloo on CPUs), and the command line.

export const MAIN_PY = String.raw`
# ---- The data as the engine uploads it (src/engine/train/device-data.ts) ----
def prepare_data(args, fold=None):
    if DATASET_KIND == 'points':
        train_x, train_y, test_x, test_y = generate_points(POINTS['name'], POINTS['numPoints'], POINTS['noise'],
                                                           POINTS['trainRatio'], SEED, TASK == 'regression')
    else:
        (train_x, train_y), (test_x, test_y) = load_images(args)
    if TASK == 'classification':
        train_x, train_y = make_imbalanced(train_x, train_y, IMBALANCE['minorityClass'], IMBALANCE['keep'])
    v_start, v_end = validation_range(len(train_y), VALIDATION_SPLIT, fold)

    def tensors(x, y):
        x = torch.from_numpy(x.astype(np.float32) / 255 if x.dtype == np.uint8 else x)
        y = torch.from_numpy(y).reshape(-1, 1) if TASK == 'regression' else torch.from_numpy(y.astype(np.int64))
        return x, y
    fit = tensors(np.concatenate([train_x[:v_start], train_x[v_end:]]), np.concatenate([train_y[:v_start], train_y[v_end:]]))
    val = tensors(train_x[v_start:v_end], train_y[v_start:v_end]) if v_end > v_start else None
    return dict(fit=fit, val=val, test=tensors(test_x, test_y))


def setup_processes(args):
    """This process's rank and device: torchrun (or any launcher) sets RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR
    and MASTER_PORT; without them it is one process. NCCL between GPUs, gloo between CPU processes."""
    world = int(os.environ.get('WORLD_SIZE', '1'))
    rank = int(os.environ.get('RANK', '0'))
    local_rank = int(os.environ.get('LOCAL_RANK', str(rank)))
    cuda = torch.cuda.is_available() and not args.cpu
    if world > 1:
        dist.init_process_group('nccl' if cuda else 'gloo', init_method='env://')
    if cuda:
        device = torch.device('cuda', local_rank % torch.cuda.device_count())
        torch.cuda.set_device(device)
    else:
        device = torch.device('cpu')
        # processes on one machine share its cores
        local_world = int(os.environ.get('LOCAL_WORLD_SIZE', str(world)))
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
    return SimpleNamespace(world=world, rank=rank, device=device, main=rank == 0)


def say(ctx, *parts):
    if ctx.main:
        print(*parts, flush=True)


def train(model, data, args, ctx):
    """Trains in place; returns the epochs run. Batch per process = ceil(global batch / processes)."""
    global_batch = args.batch_size or BATCH_SIZE
    per_process = math.ceil(global_batch / ctx.world)
    scale = {'none': 1.0, 'linear': global_batch / BATCH_SIZE, 'sqrt': math.sqrt(global_batch / BATCH_SIZE)}[args.lr_scaling]
    lr = LEARNING_RATE * scale
    amp = PRECISION != 'float32' and ctx.device.type == 'cuda'
    if PRECISION != 'float32':
        say(ctx, f'{PRECISION}: ' + ('torch.autocast float16 with a GradScaler (float32 master weights)' if amp else
            'no CUDA device, so this runs in float32 (torch.autocast float16 is for GPUs)'))
    say(ctx, f'{ctx.world} process(es) on {ctx.device.type}, {per_process} examples each per step '
        f'(global batch {per_process * ctx.world}), {OPTIMIZER} at learning rate {lr:g}')
    fit_x, fit_y = data['fit']
    labels = fit_y.numpy() if TASK == 'classification' else None
    weights = torch.tensor(balanced_class_weights(labels, NUM_CLASSES), device=ctx.device) if REBALANCE == 'classWeights' and labels is not None else None
    module = model.to(ctx.device)
    net = DistributedDataParallel(module, device_ids=[ctx.device.index] if ctx.device.type == 'cuda' else None) if ctx.world > 1 else module
    optimizer = make_optimizer(module.parameters(), lr)
    scaler = torch.cuda.amp.GradScaler(init_scale=LOSS_SCALING['initialScale'], growth_interval=LOSS_SCALING['growthInterval'], enabled=amp)
    sampler = SeededDistributedSampler(len(fit_y), labels, ctx.world, ctx.rank)
    augment_random = Random((SEED ^ 0xA6) + ctx.rank)
    stopper = EarlyStopper(module) if EARLY_STOPPING['enabled'] and data['val'] is not None else None
    plateau = ReduceOnPlateau(lr) if SCHEDULE and SCHEDULE['kind'] == 'reduceOnPlateau' else None
    params = list(module.parameters())
    epochs = args.epochs or EPOCHS
    step = 0
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        net.train()
        order = list(sampler)
        steps = math.ceil(len(order) / per_process)
        started, loss_sum, correct, seen = time.time(), 0.0, 0, 0
        for start in range(0, len(order), per_process):
            index = torch.tensor(order[start:start + per_process])
            xb, yb = fit_x[index].to(ctx.device), fit_y[index].to(ctx.device)
            if is_augmenting():
                xb = augment_batch(xb, augment_random)
            for group in optimizer.param_groups:
                group['lr'] = plateau.rate if plateau else scheduled_lr(lr, step, steps, steps * epochs)
            with torch.autocast(device_type='cuda', dtype=torch.float16) if amp else contextlib.nullcontext():
                out = net(xb)
            loss = data_loss(out.float(), yb, weights) + kernel_penalty(module)
            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            if CLIPNORM > 0 or CLIPVALUE > 0 or GLOBAL_CLIPNORM > 0:
                scaler.unscale_(optimizer)
                clip_gradients(params)
            scaler.step(optimizer)
            scaler.update()
            step += 1
            loss_sum += loss.item() * len(yb)
            seen += len(yb)
            if TASK == 'classification':
                correct += (out.argmax(1) == yb).sum().item()
        line = f'epoch {epoch + 1}/{epochs}  loss {loss_sum / seen:.4f}'
        if TASK == 'classification':
            line += f'  accuracy {correct / seen:.4f}'
        line += f'  {seen * ctx.world / (time.time() - started):,.0f} examples/s'
        stop = False
        if data['val'] is not None:
            val_loss, val_accuracy = evaluate(module, *data['val'], ctx.device)
            line += f'  val_loss {val_loss:.4f}' + (f'  val_accuracy {val_accuracy:.4f}' if val_accuracy is not None else '')
            if plateau:
                plateau.epoch_end(val_loss)
            stop = stopper is not None and stopper.update(epoch, val_loss, val_accuracy)
        say(ctx, line)
        if stop:
            say(ctx, f'early stopping after epoch {epoch + 1} (best epoch {stopper.best_epoch + 1})')
            return epoch + 1
    return epochs


def export_onnx(model, path):
    model.eval().cpu()
    example = torch.zeros(1, *INPUT_SHAPE)
    torch.onnx.export(model, example, path, input_names=['input'], output_names=['output'],
                      dynamic_axes={'input': {0: 'batch'}, 'output': {0: 'batch'}}, opset_version=13)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--weights', help="the sandbox's exported model.json (its weights file next to it): start from these weights")
    parser.add_argument('--evaluate', action='store_true', help='only evaluate on the test set (needs --weights)')
    parser.add_argument('--onnx', help='write the model as ONNX to this path (with --weights and no training: right away)')
    parser.add_argument('--save', help='write the trained weights (torch state_dict) to this path')
    parser.add_argument('--epochs', type=int, help=f'epochs to train (the run: {EPOCHS})')
    parser.add_argument('--batch-size', type=int, help=f'global batch size over all processes (the run: {BATCH_SIZE})')
    parser.add_argument('--lr-scaling', choices=['none', 'linear', 'sqrt'], default='none',
                        help='scale the learning rate with the global batch relative to the run\'s (default none)')
    parser.add_argument('--data', help='folder with manifest.json and the .tsds files (default ./datasets)')
    parser.add_argument('--idx', help='folder with the original IDX files (train-images-idx3-ubyte[.gz], ...)')
    parser.add_argument('--full', action='store_true', help='use every example the files hold, not the run\'s sizes')
    parser.add_argument('--cpu', action='store_true', help='stay on the CPU even where CUDA is available')
    args = parser.parse_args(argv)
    if args.evaluate and not args.weights:
        parser.error('--evaluate needs --weights model.json (the weights to evaluate)')
    ctx = setup_processes(args)
    torch.manual_seed(SEED)
    train_now = not args.evaluate and not (args.onnx and args.weights)
    started = time.time()
    result = {}
    for fold in (range(FOLDS) if FOLDS > 1 and train_now else [None]):
        data = prepare_data(args, fold)
        model = Model()
        if args.weights:
            load_keras_weights(model, args.weights)
        if train_now:
            if fold is not None:
                say(ctx, f'fold {fold + 1} of {FOLDS}')
            result['epochs'] = train(model, data, args, ctx)
    model = model.to(ctx.device)
    loss, accuracy = evaluate(model, *data['test'], ctx.device)
    say(ctx, f'test: loss {loss:.4f}' + (f'  accuracy {accuracy:.4f}' if accuracy is not None else '') + f'  ({len(data["test"][1])} examples)')
    result.update(test_loss=loss, test_accuracy=accuracy, test_count=len(data['test'][1]), seconds=time.time() - started, processes=ctx.world)
    say(ctx, 'RESULT ' + json.dumps(result))
    if ctx.main and args.save:
        torch.save(model.state_dict(), args.save)
    if ctx.main and args.onnx:
        export_onnx(model, args.onnx)
        say(ctx, f'wrote {args.onnx}')
    if ctx.world > 1:
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
`;
