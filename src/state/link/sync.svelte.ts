// Keeps the experiment and the URL hash in step: a link opened restores its state (with notices for what it
// could not use); every edit afterwards rewrites the hash, so the address bar is always a link to what is shown.
import { decodeLink, encodeLink } from './link';
import type { LinkState, ViewName } from './types';
import type { Experiment } from '../experiment.svelte';
import type { LessonMode } from '../lesson-mode.svelte';
import type { PairSetup } from '../pair-setup.svelte';

/** Fewest milliseconds between two rewrites of the hash while someone types. */
const WRITE_EVERY_MS = 250;

export class LinkSync {
  notices = $state.raw<string[]>([]);
  view = $state<ViewName>('train');
  readonly #experiment: Experiment;
  readonly #pair: PairSetup;
  readonly #lessonMode: LessonMode;
  #written = '';
  /** Whether a link has been opened yet: the first (the page's own address) has nothing on screen to undo. */
  #opened = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(experiment: Experiment, pair: PairSetup, lessonMode: LessonMode) {
    this.#experiment = experiment;
    this.#pair = pair;
    this.#lessonMode = lessonMode;
  }

  /** The state on screen, as a link state. */
  current(): LinkState {
    const variant = this.#pair.variant?.spec;
    return {
      spec: $state.snapshot(this.#experiment.spec), view: this.view, lesson: this.#lessonMode.lesson,
      ...(variant ? { variant: $state.snapshot(variant) } : {}),
    };
  }

  /** The link of what is on screen, absolute, for copying. */
  href(): string {
    return new URL(encodeLink(this.current()), location.href).href;
  }

  /** Restores the state a hash describes; an empty hash keeps the default experiment. */
  open(hash: string) {
    if (hash === this.#written) return;
    const { state, notices } = decodeLink(hash);
    this.notices = notices;
    if (hash === '' || hash === '#') return;
    // a link or lesson opened over an experiment already on screen can be undone, its lesson and pair with it
    const opening = this.#opened ? (state.lesson ? `opened the lesson ${state.lesson.title}` : 'opened a link') : undefined;
    const before = { lesson: this.#lessonMode.lesson, variant: this.#pair.variant ? $state.snapshot(this.#pair.variant.spec) : null };
    this.#opened = true;
    this.#experiment.replace(state.spec, opening, () => {
      this.#lessonMode.lesson = before.lesson;
      if (before.variant) {
        this.#pair.begin(this.#experiment);
        this.#pair.variant!.replace(before.variant as never);
      } else {
        this.#pair.end();
      }
    });
    if (state.variant) {
      this.#pair.begin(this.#experiment);
      this.#pair.variant!.replace(state.variant);
    } else {
      this.#pair.end();
    }
    this.view = state.view;
    this.#lessonMode.lesson = state.lesson;
    this.#written = hash;
  }

  /** Rewrites the hash (throttled) to match what is on screen, without adding a history entry. */
  write() {
    const hash = encodeLink(this.current());
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (hash === this.#written) return;
      this.#written = hash;
      history.replaceState(history.state, '', hash);
    }, WRITE_EVERY_MS);
  }
}
