// axe-core in a page or frame of the built app: the serious and critical violations, described well enough to fix.
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

export async function seriousViolations(target: Page | Frame): Promise<string[]> {
  await target.addScriptTag({ path: AXE });
  const violations = await target.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } }).axe.run(document);
    return result.violations;
  });
  // the minor ones too, in the log, so they can be fixed before they matter
  if (violations.length) console.log('axe violations (all impacts):', violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
