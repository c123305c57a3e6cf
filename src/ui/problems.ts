// Finds the validation message for one field of the spec.
import type { SpecProblem } from '../engine/model/validate';

export function problemAt(problems: SpecProblem[], path: string): string | undefined {
  return problems.find((p) => p.path === path)?.message;
}
