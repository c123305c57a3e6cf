// Python text for the exported script: the sandbox's seeded generator (src/data/random.ts) and its 2D point sets
// (src/data/points.ts), ported line for line so the same seed gives the same points, shuffles and augmentation
// draws as in the browser. Plain Python and numpy; tests/python/ checks the streams against the TypeScript.

export const RANDOM_PY = String.raw`
# ---- The sandbox's seeded generator (sfc32 seeded by splitmix32), as in src/data/random.ts ----
M32 = 0xFFFFFFFF


class Random:
    """sfc32 with 32-bit state words; every draw matches the browser's for the same seed."""

    def __init__(self, seed):
        s = seed & M32
        state = []
        for _ in range(4):
            s = (s + 0x9E3779B9) & M32
            z = s
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            state.append((z ^ (z >> 16)) & M32)
        self.a, self.b, self.c, self.d = state
        for _ in range(12):
            self.uint32()

    def uint32(self):
        t = (self.a + self.b + self.d) & M32
        self.d = (self.d + 1) & M32
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & M32
        self.c = ((self.c << 21) | (self.c >> 11)) & M32
        self.c = (self.c + t) & M32
        return t

    def next(self):
        return self.uint32() / 4294967296.0

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int(self, n):
        return math.floor(self.next() * n)

    def normal(self):
        # Box-Muller; the second value is discarded, as in the browser
        u = 1 - self.next()
        v = self.next()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)

    def fork(self):
        return self.uint32() & 0x7FFFFFFF

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.int(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def permutation(n, random):
    return random.shuffle(list(range(n)))


def js_round(x):
    """JavaScript's Math.round: halves go up (Python's round() goes to even)."""
    return math.floor(x + 0.5)


# ---- The 2D point sets, as in src/data/points.ts: points in about [-1, 1]^2 ----
def _jitter(x, y, label, noise, random):
    return [x + noise * random.normal(), y + noise * random.normal(), label]


def _circle(n, noise, random):
    out = []
    for i in range(n):
        inside = i % 2 == 1
        r = random.uniform(0, 0.5) if inside else random.uniform(0.7, 1)
        angle = random.uniform(0, 2 * math.pi)
        out.append(_jitter(r * math.sin(angle), r * math.cos(angle), 1 if inside else 0, noise, random))
    return out


def _xor(n, noise, random):
    out = []
    for _ in range(n):
        padding = 0.05
        x = random.uniform(-1, 1)
        y = random.uniform(-1, 1)
        px = x + (padding if x > 0 else -padding)
        py = y + (padding if y > 0 else -padding)
        out.append(_jitter(px * 0.9, py * 0.9, 1 if px * py >= 0 else 0, noise, random))
    return out


def _gaussians(n, noise, random):
    out = []
    for i in range(n):
        label = i % 2
        centre = 0.4 if label == 1 else -0.4
        x = centre + 0.2 * random.normal()
        y = centre + 0.2 * random.normal()
        out.append(_jitter(x, y, label, noise, random))
    return out


def _spiral(n, noise, random):
    per_arm = math.ceil(n / 2)
    out = []
    for i in range(n):
        label = i % 2
        t = (i // 2) / per_arm
        r = 0.9 * t
        angle = 1.75 * 2 * math.pi * t + label * math.pi
        out.append(_jitter(r * math.sin(angle), r * math.cos(angle), label, noise, random))
    return out


def _moons(n, noise, random):
    out = []
    for i in range(n):
        label = i % 2
        t = random.uniform(0, math.pi)
        x, y = (math.cos(t), math.sin(t)) if label == 0 else (1 - math.cos(t), 0.5 - math.sin(t))
        out.append(_jitter((x - 0.5) / 1.6, (y - 0.25) / 1.6, label, noise, random))
    return out


_BUMPS = [(-0.5, -0.4, 1), (0.45, 0.5, 1), (0.5, -0.5, -1), (-0.45, 0.5, -1), (0, 0, 0.6)]


def bumps_surface(x, y):
    return sum(h * math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 0.35 ** 2)) for cx, cy, h in _BUMPS)


def _bumps(n, noise, random):
    out = []
    for _ in range(n):
        x = random.uniform(-1, 1)
        y = random.uniform(-1, 1)
        out.append([x, y, bumps_surface(x, y) + noise * random.normal()])
    return out


POINT_GENERATORS = {'circle': _circle, 'xor': _xor, 'gaussians': _gaussians, 'spiral': _spiral, 'moons': _moons, 'bumps': _bumps}


def generate_points(name, num_points, noise, train_ratio, seed, regression):
    """(train_x, train_y, test_x, test_y): the browser's points for this seed, shuffled and split the same way."""
    random = Random(seed)
    points = POINT_GENERATORS[name](num_points, noise, random)
    order = permutation(len(points), random)
    train_count = max(1, min(len(points) - 1, js_round(len(points) * train_ratio)))
    table = np.array(points, dtype=np.float64)

    def split(indices):
        rows = table[np.array(indices, dtype=np.int64)]
        x = rows[:, :2].astype(np.float32)
        y = rows[:, 2].astype(np.float32) if regression else rows[:, 2].astype(np.int64)
        return x, y
    return (*split(order[:train_count]), *split(order[train_count:]))
`;
