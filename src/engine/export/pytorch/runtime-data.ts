// Python text for the exported script: reading the sandbox's image files (.tsds shards listed in
// datasets/manifest.json, src/data/dataset-file.ts), the original IDX files when pointed at them, and the steps
// the engine applies before training: imbalance, the validation split or fold, class weights, oversampling.

export const DATA_PY = String.raw`
# ---- Image data: the sandbox's .tsds files (format in src/data/dataset-file.ts) or the original IDX files ----
def _paeth_unfilter(residuals):
    """Undoes PNG's Paeth filter, per image and channel: [count, height, width, channels] uint8."""
    out = np.zeros(residuals.shape, dtype=np.int16)
    res = residuals.astype(np.int16)
    _, height, width, _ = residuals.shape
    zero = np.zeros_like(out[:, 0, 0])
    for y in range(height):
        for x in range(width):
            a = out[:, y, x - 1] if x > 0 else zero
            b = out[:, y - 1, x] if y > 0 else zero
            c = out[:, y - 1, x - 1] if x > 0 and y > 0 else zero
            p = a + b - c
            pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
            prediction = np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))
            out[:, y, x] = (res[:, y, x] + prediction) & 255
    return out.astype(np.uint8)


def read_tsds(path):
    """(images uint8 [count, h, w, c], labels uint8 [count]) from one .tsds shard, gzip-compressed or not."""
    fix = 're-download it, or run "npm run datasets" in the sandbox'
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    if raw[:4] != b'TSDS' or len(raw) < 16:
        sys.exit(f'{path} is not a .tsds dataset file (it should start with "TSDS" or gzip bytes): {fix}')
    if raw[4] != 1:
        sys.exit(f'{path} has format version {raw[4]}; this script reads version 1')
    filt, channels = raw[5], raw[6]
    count, = struct.unpack_from('<I', raw, 8)
    height, width = struct.unpack_from('<HH', raw, 12)
    size = count * height * width * channels
    if len(raw) != 16 + count + size:
        sys.exit(f'{path} holds {len(raw)} bytes after decompression, expected {16 + count + size}: {fix}')
    labels = np.frombuffer(raw, np.uint8, count, 16).copy()
    pixels = np.frombuffer(raw, np.uint8, size, 16 + count).reshape(count, height, width, channels)
    if filt == 4:
        pixels = _paeth_unfilter(pixels)
    elif filt != 0:
        sys.exit(f'{path} uses unknown pixel filter {filt}: {fix}')
    return pixels.copy(), labels


def _load_tsds_split(folder, entry, wanted):
    images, labels, have = [], [], 0
    for shard in entry['shards']:
        if have >= wanted:
            break
        path = os.path.join(folder, shard['file'])
        if not os.path.exists(path):
            sys.exit(f'{path} is missing: copy the sandbox\'s datasets folder here, or pass --data DIR')
        with open(path, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        if digest not in (shard.get('sha256'), shard.get('rawSha256')):
            sys.exit(f'{path} does not match datasets/manifest.json (SHA-256): re-download it')
        x, y = read_tsds(path)
        images.append(x)
        labels.append(y)
        have += len(y)
    x, y = np.concatenate(images), np.concatenate(labels)
    return x[:wanted], y[:wanted]


def _read_idx(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack_from('>' + 'I' * dims, raw, 4)
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)


def _find_idx(folder, stem):
    for name in (stem, stem + '.gz', stem.replace('-idx', '.idx'), stem.replace('-idx', '.idx') + '.gz'):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    sys.exit(f'--idx {folder}: no {stem} or {stem}.gz there (the original MNIST / Fashion-MNIST file names)')


def load_images(args):
    """((train_x, train_y), (test_x, test_y)) as uint8 [n, h, w, c] and int64 labels, sized as the run was."""
    train_size, test_size = (10 ** 9, 10 ** 9) if args.full else (TRAIN_SIZE, TEST_SIZE)
    if args.idx:
        splits = []
        for prefix, wanted in (('train', train_size), ('t10k', test_size)):
            x = _read_idx(_find_idx(args.idx, f'{prefix}-images-idx3-ubyte'))
            y = _read_idx(_find_idx(args.idx, f'{prefix}-labels-idx1-ubyte'))
            splits.append((x[:wanted, :, :, None], y[:wanted].astype(np.int64)))
        return splits
    folder = args.data or next((d for d in ('datasets', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'datasets'))
                                if os.path.exists(os.path.join(d, 'manifest.json'))), None)
    if folder is None:
        sys.exit('No datasets/manifest.json here or next to this script: copy the sandbox\'s datasets folder, '
                 'pass --data DIR, or --idx DIR for the original IDX files')
    with open(os.path.join(folder, 'manifest.json')) as f:
        entry = json.load(f)['datasets'].get(DATASET)
    if entry is None:
        sys.exit(f'{folder}/manifest.json has no "{DATASET}" dataset: copy the sandbox\'s datasets folder again')
    splits = []
    for name, wanted in (('train', train_size), ('test', test_size)):
        x, y = _load_tsds_split(folder, entry[name], wanted)
        splits.append((x, y.astype(np.int64)))
    return splits


# ---- What the engine does before training (src/data/imbalance.ts, src/engine/train/device-data.ts, rebalance.ts) ----
def make_imbalanced(x, y, minority_class, keep):
    """Keeps the first round(keep * n) examples of the minority class and every other example, in order."""
    if keep >= 1:
        return x, y
    allowed = js_round(int(np.sum(y == minority_class)) * keep)
    is_minority = y == minority_class
    kept = ~is_minority | (np.cumsum(is_minority) <= allowed)
    return x[kept], y[kept]


def validation_range(count, split, fold=None):
    """Which training examples are validated on: fold i of k, or the last share (as Keras's validation_split)."""
    if fold is not None and FOLDS > 1:
        return (fold * count) // FOLDS, ((fold + 1) * count) // FOLDS
    return count - math.floor(count * split), count


def balanced_class_weights(labels, num_classes):
    """scikit-learn's "balanced" weights as Keras's class_weight uses them: n / (classes present * n_c)."""
    counts = np.bincount(labels, minlength=num_classes)
    present = int(np.sum(counts > 0))
    return [len(labels) / (present * c) if c > 0 else 0.0 for c in counts]


def oversampled_order(labels, num_classes, random):
    """One epoch's order with every class topped up to the largest by repetition, then shuffled (rebalance.ts)."""
    by_class = [[] for _ in range(num_classes)]
    for i, label in enumerate(labels.tolist()):
        by_class[label].append(i)
    target = max(len(c) for c in by_class)
    order = []
    for members in by_class:
        taken = 0
        while members and taken < target:
            passed = permutation(len(members), random)
            order.extend(members[passed[k]] for k in range(min(len(members), target - taken)))
            taken += len(members)
    return random.shuffle(order)
`;
