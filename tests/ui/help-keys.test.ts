// Every help topic and field path a component names exists, so no "?" opens on nothing and no control points
// at no field: read from the sources, since the fields' help comes from the field table at run time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryAt } from '../../src/engine/model/field-paths';
import { HELP } from '../../src/ui/help-text';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.svelte') ? [path] : [];
  });
}

describe('help topics', () => {
  it('every help="…" and topic="…" in the components has text', () => {
    const root = join(import.meta.dirname, '..', '..', 'src');
    const named = sources(root).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\b(?:help|topic)="([a-zA-Z0-9]+)"/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((key) => !HELP[key])).toEqual([]);
  });

  it('every <SpecInput path="…"> names a declared field', () => {
    const root = join(import.meta.dirname, '..', '..', 'src');
    const paths = sources(root).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/<SpecInput[^>]*\bpath="([a-zA-Z.]+)"/g)].map((m) => m[1]));
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !entryAt(path))).toEqual([]);
  });

  it('every layer type a row shows has help', () => {
    for (const type of ['dense', 'conv2d', 'maxPooling2d', 'averagePooling2d', 'batchNormalization', 'dropout', 'flatten']) expect(HELP[type], type).toBeTruthy();
  });
});
