// Opening a link or a lesson over an experiment on screen (issue 11: undo for every destructive edit): the page's
// own first address has nothing to undo; a later link can be undone, and undoing it also leaves its lesson and
// puts back the A/B pair it replaced.
import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../src/engine/model/presets';
import { Experiment } from '../../../src/state/experiment.svelte';
import { LessonMode } from '../../../src/state/lesson-mode.svelte';
import { findLesson } from '../../../src/state/lessons';
import { encodeLink, presetLink } from '../../../src/state/link/link';
import { LinkSync } from '../../../src/state/link/sync.svelte';
import { PairSetup } from '../../../src/state/pair-setup.svelte';

function page() {
  const experiment = new Experiment();
  const pair = new PairSetup();
  const lessonMode = new LessonMode();
  return { experiment, pair, lessonMode, link: new LinkSync(experiment, pair, lessonMode) };
}

describe('opening a link over an experiment', () => {
  it('the first link (the page\'s address) is not an undo step; a lesson opened after it is, and undo leaves the lesson', () => {
    const { experiment, lessonMode, link } = page();
    link.open(presetLink('moons-mlp')!);
    expect(experiment.undoSteps).toEqual([]);
    experiment.spec.training.learningRate = 0.05; // the person's own edit
    link.open(encodeLink(findLesson('overfitting')!));
    expect(lessonMode.lesson?.id).toBe('overfitting');
    expect(experiment.undoSteps.map((s) => s.what)).toEqual(['opened the lesson Overfitting and dropout']);
    experiment.undo();
    expect(lessonMode.lesson).toBeNull();
    expect(experiment.spec.dataset.name).toBe('moons');
    expect(experiment.spec.training.learningRate).toBe(0.05);
  });

  it('undoing a link that replaced an A/B pair brings the pair back', () => {
    const { experiment, pair, link } = page();
    link.open(presetLink('spiral-mlp')!);
    pair.begin(experiment);
    pair.variant!.spec.training.learningRate = 0.1;
    link.open(presetLink('mnist-mlp')!);
    expect(pair.variant).toBeNull();
    experiment.undo();
    expect(experiment.spec).toEqual(presetSpec('spiral-mlp'));
    expect(pair.variant?.spec.training.learningRate).toBe(0.1);
  });
});
