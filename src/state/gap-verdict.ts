// What the validation − training loss gap says, judged on the gap itself (in loss units), not on its share of
// the validation loss: a gap of +0.004 is small whatever the losses are.
export const GAP_THRESHOLDS = { some: 0.05, large: 0.2 } as const;

export type GapLevel = 'small' | 'some' | 'large';

export function gapLevel(gap: number): GapLevel {
  return gap >= GAP_THRESHOLDS.large ? 'large' : gap >= GAP_THRESHOLDS.some ? 'some' : 'small';
}

export function gapVerdict(gap: number): string {
  switch (gapLevel(gap)) {
    case 'large': return 'Large gap: the model is memorising its training data.';
    case 'some': return 'Some gap: watch whether it keeps growing.';
    case 'small': return 'Small gap: it generalises about as well as it fits.';
  }
}
