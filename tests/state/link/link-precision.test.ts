// The precision policy and its loss-scaling settings travel in share links and come back exactly.
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../src/engine/model/presets';
import { decodeLink, encodeLink } from '../../../src/state/link/link';
import type { LinkState } from '../../../src/state/link/types';

describe('precision in links', () => {
  it('round-trips mixed float16 with its initial scale and growth interval, and leaves defaults out', () => {
    const state: LinkState = { spec: presetSpec('moons-mlp'), view: 'train', lesson: null };
    state.spec.training.precision = 'mixed_float16';
    state.spec.training.lossScaling = { initialScale: 1024, growthInterval: 50 };
    const hash = encodeLink(state);
    expect(hash).toContain('&precision=mixed_float16&scale=1024&growth=50');
    expect(decodeLink(hash)).toStrictEqual({ state, notices: [] });
    const plain: LinkState = { spec: presetSpec('moons-mlp'), view: 'train', lesson: null };
    expect(encodeLink(plain)).not.toMatch(/precision=|scale=|growth=/);
  });

  it('round-trips pure float16', () => {
    const state: LinkState = { spec: presetSpec('moons-mlp'), view: 'train', lesson: null };
    state.spec.training.precision = 'float16';
    expect(decodeLink(encodeLink(state))).toStrictEqual({ state, notices: [] });
  });
});
