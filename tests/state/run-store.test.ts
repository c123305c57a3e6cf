// Where IndexedDB cannot be used. The store itself, on real IndexedDB, is tested in Chromium:
// tests/browser/run-store.test.ts.
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/state/run-store';
import { sampleRun } from './run-fixtures';

/** An IndexedDB whose open() fails as `how` says: throwing at once, or firing 'error' or 'blocked' later. */
function failingFactory(how: 'throw' | 'error' | 'blocked', name: string) {
  const calls = { count: 0 };
  const factory = {
    open() {
      calls.count++;
      if (how === 'throw') throw new DOMException('The operation is insecure.', name);
      const request: Record<string, unknown> = { error: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', name) };
      setTimeout(() => (how === 'error' ? (request.onerror as () => void)() : (request.onblocked as () => void)()), 0);
      return request;
    },
  } as unknown as IDBFactory;
  return { factory, calls };
}

describe('RunStore without IndexedDB', () => {
  it('says so on open and on every method, and reports itself unavailable', async () => {
    const store = new RunStore(null);
    expect(store.available).toBeNull();
    const message = /^Runs cannot be kept in this browser: this browser offers no IndexedDB \(some turn it off in private browsing\)\. Runs made now are lost on reload; use "Export runs"/;
    await expect(store.open()).rejects.toThrow(message);
    expect(store.available).toBe(false);
    expect(store.unavailableReason).toBe('this browser offers no IndexedDB (some turn it off in private browsing)');
    await expect(store.list()).rejects.toThrow(message);
    await expect(store.get('x')).rejects.toThrow(message);
    await expect(store.put(sampleRun())).rejects.toThrow(message);
    await expect(store.rename('x', 'y')).rejects.toThrow(message);
    await expect(store.remove('x')).rejects.toThrow(message);
    await expect(store.clear()).rejects.toThrow(message);
  });

  it('explains a refused, a failed and a blocked open, and tries again on the next call', async () => {
    const refused = failingFactory('throw', 'SecurityError');
    const store = new RunStore(refused.factory);
    await expect(store.list()).rejects.toThrow(/the browser refuses storage to this page \(cookies and site data blocked/);
    await expect(store.list()).rejects.toThrow(/refuses storage/);
    expect(refused.calls.count).toBe(2);

    const privateMode = new RunStore(failingFactory('error', 'InvalidStateError').factory);
    await expect(privateMode.open()).rejects.toThrow(/does not allow storage here \(private browsing in some browsers\)/);
    expect(privateMode.available).toBe(false);

    const blocked = new RunStore(failingFactory('blocked', 'AbortError').factory);
    await expect(blocked.open()).rejects.toThrow(/another tab of the sandbox holds an older version of the saved runs open: close it and reload/);
  });

  it('refuses an empty name before touching storage', async () => {
    await expect(new RunStore(null).rename('x', '   ')).rejects.toThrow('A run needs a name: type at least one character.');
  });
});
