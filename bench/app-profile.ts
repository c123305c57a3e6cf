// Where the app's main thread spends its time while it trains: a V8 sampling profile through the DevTools
// protocol, summed by function (self time), so the benchmark can say what its long tasks and busy time are made of.
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface MainThreadProfile {
  /** Share of the profiled time the main thread ran anything but idle. */
  busyShare: number;
  /** The functions with the most self time: "name (file:line)" and ms. */
  top: { fn: string; ms: number }[];
}

export async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return cdp;
}

export async function stopProfile(cdp: CDPSession, topCount = 12): Promise<MainThreadProfile> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, k) => {
    const frame = byId.get(id)!.callFrame;
    const dt = profile.timeDeltas[k + 1] ?? 0;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') return;
    const file = frame.url.split('/').pop()?.split('?')[0] ?? '';
    const key = `${frame.functionName || '(anonymous)'}${file ? ` (${file}:${frame.lineNumber + 1})` : ''}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    busy += dt;
  });
  const total = profile.endTime - profile.startTime;
  return {
    busyShare: total > 0 ? busy / total : 0,
    top: [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, topCount).map(([fn, us]) => ({ fn, ms: Math.round(us / 1000) })),
  };
}
