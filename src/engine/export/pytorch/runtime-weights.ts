// Python text for the exported script: Keras's kernel initializers as tfjs defines them, and reading the
// sandbox's model.json + weights files (float32, or quantized uint8 / uint16 / float16 as
// src/engine/export/quantize.ts writes them) into the torch model, kernels transposed to torch's layout.

export const WEIGHTS_PY = String.raw`
# ---- Kernel initializers, as tfjs-layers defines them (biases start at zero, as in Keras) ----
def keras_init_(weight, initializer, stddev=0.05):
    """Fills a torch kernel in place, as Keras defines the initializer. Fans as Keras counts them (torch's own
    fan calculation agrees for Linear and Conv2d). The normal variants draw from a normal cut at two standard
    deviations, widened by 1/0.8796 so the kept samples have variance scale / fan, as Keras does."""
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(weight)
    scales = {'glorotUniform': (1, (fan_in + fan_out) / 2, 'uniform'), 'glorotNormal': (1, (fan_in + fan_out) / 2, 'normal'),
              'heUniform': (2, fan_in, 'uniform'), 'heNormal': (2, fan_in, 'normal'),
              'lecunUniform': (1, fan_in, 'uniform'), 'lecunNormal': (1, fan_in, 'normal')}
    with torch.no_grad():
        if initializer == 'zeros':
            return weight.zero_()
        if initializer == 'randomNormal':
            return weight.normal_(0.0, stddev)
        if initializer not in scales:
            sys.exit(f'unknown kernel initializer {initializer!r}: use one of {", ".join(scales)}, randomNormal or zeros')
        scale, fan, distribution = scales[initializer]
        variance = scale / max(1.0, fan)
        if distribution == 'uniform':
            limit = math.sqrt(3 * variance)
            return weight.uniform_(-limit, limit)
        std = math.sqrt(variance) / 0.87962566103423978
        return nn.init.trunc_normal_(weight, 0.0, std, -2 * std, 2 * std)


# ---- The sandbox's model.json + weights: tfjs's layers format, float32 or quantized ----
_STORED = {'uint8': ('<u1', 1), 'uint16': ('<u2', 2), 'float16': ('<f2', 2)}


def read_model_json(path):
    """{layer name: {weight name: float32 array in Keras's layout}} from model.json and its weights files."""
    if not os.path.exists(path):
        sys.exit(f'--weights {path}: no such file. Export the run from the sandbox (Export view) and pass its model.json')
    with open(path) as f:
        try:
            meta = json.load(f)
        except json.JSONDecodeError as error:
            sys.exit(f'--weights {path} is not JSON ({error}): pass the model.json the sandbox exported')
    folder = os.path.dirname(os.path.abspath(path))
    layers = {}
    for group in meta.get('weightsManifest', []):
        data = b''
        for part in group['paths']:
            part_path = os.path.join(folder, part)
            if not os.path.exists(part_path):
                sys.exit(f'{path} names the weights file {part}, which is not next to it: download both files together')
            with open(part_path, 'rb') as f:
                data += f.read()
        offset = 0
        for w in group['weights']:
            count = int(np.prod(w['shape'])) if w['shape'] else 1
            q = w.get('quantization')
            dtype, size = _STORED[q['dtype']] if q else ('<f4', 4)
            if offset + count * size > len(data):
                sys.exit(f'{path}: the weights file is truncated at {w["name"]}: download the model again')
            values = np.frombuffer(data, dtype, count, offset)
            offset += count * size
            if q and q['dtype'] in ('uint8', 'uint16'):
                # as tfjs decodes: q * scale + min in float64, then float32
                values = values.astype(np.float64) * q['scale'] + q['min']
            layer, name = w['name'].split('/')[-2:]
            name = re.sub(r'_\d+$', '', name)  # tfjs may number repeated variable names: kernel_1
            layers.setdefault(layer, {})[name] = values.astype(np.float32).reshape(w['shape'])
    return layers


def load_keras_weights(model, path):
    """Copies the sandbox's weights into the model: dense kernels [in, out] -> [out, in], conv kernels
    [kh, kw, in, out] -> [out, in, kh, kw], batch normalization's gamma, beta and moving statistics."""
    stored = read_model_json(path)
    targets = {'kernel': 'weight', 'bias': 'bias', 'gamma': 'weight', 'beta': 'bias',
               'moving_mean': 'running_mean', 'moving_variance': 'running_var'}
    for layer_name in LAYERS_WITH_WEIGHTS:
        if layer_name not in stored:
            sys.exit(f'{path} has no weights for {layer_name}: it was exported from another model; export this run again')
        module = getattr(model, layer_name)
        for key, values in stored[layer_name].items():
            if values.ndim == 2:
                values = values.T
            elif values.ndim == 4:
                values = values.transpose(3, 2, 0, 1)
            target = getattr(module, targets[key])
            if tuple(target.shape) != values.shape:
                sys.exit(f'{path}: {layer_name}/{key} has shape {list(values.shape)} but this model needs {list(target.shape)}: '
                         'the file belongs to another model; export this run again')
            with torch.no_grad():
                target.copy_(torch.from_numpy(np.ascontiguousarray(values)))
`;
