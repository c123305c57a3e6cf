// Lesson mode: a link can hide or lock controls and carry a "what to look for" note. Fields ask this, through
// Svelte's context, whether they are shown and whether they can be changed.
import { getContext, setContext } from 'svelte';
import { listsControl, type ControlId, type Lesson } from './link/types';

const KEY = Symbol('lesson-mode');

export class LessonMode {
  lesson = $state.raw<Lesson | null>(null);

  isHidden(control: ControlId): boolean {
    return this.lesson !== null && listsControl(this.lesson.hidden, control);
  }

  isLocked(control: ControlId): boolean {
    return this.lesson !== null && listsControl(this.lesson.locked, control);
  }

  /** Shows and unlocks everything, keeping the experiment as it is. */
  leave() {
    this.lesson = null;
  }
}

const NONE = new LessonMode();

export function provideLessonMode(mode: LessonMode) {
  setContext(KEY, mode);
}

/** The page's lesson mode; outside one (a component rendered on its own), nothing is hidden or locked. */
export function useLessonMode(): LessonMode {
  return getContext<LessonMode | undefined>(KEY) ?? NONE;
}

/**
 * For a field that may stand for a lesson's control: whether the page's lesson hides it and whether it locks it.
 * `control` is a getter so the answers follow the field's props.
 */
export function useLessonControl(control: () => ControlId | undefined) {
  const mode = useLessonMode();
  return {
    get hidden() {
      const id = control();
      return id !== undefined && mode.isHidden(id);
    },
    get locked() {
      const id = control();
      return id !== undefined && mode.isLocked(id);
    },
  };
}
