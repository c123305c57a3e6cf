// The lesson keys of a link: `lesson` (id), `title`, `note`, `hide` and `lock` (comma lists of control ids).
// A link has a lesson exactly when it has any of these keys; the writer always writes `title` for one.
import { isControlId, type ControlId, type Lesson } from './types';
import { ignored, shorten } from './text';

export const LESSON_KEYS = ['lesson', 'title', 'note', 'hide', 'lock'] as const;

/** Longest title and note a link carries; longer text is cut, with a notice. */
export const LESSON_LIMITS = { title: 120, note: 1000 } as const;
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function encodeLesson(lesson: Lesson): [key: string, value: string][] {
  const pairs: [string, string][] = [];
  if (lesson.id !== undefined) pairs.push(['lesson', lesson.id]);
  pairs.push(['title', lesson.title]);
  if (lesson.note !== '') pairs.push(['note', lesson.note]);
  if (lesson.hidden.length > 0) pairs.push(['hide', lesson.hidden.join(',')]);
  if (lesson.locked.length > 0) pairs.push(['lock', lesson.locked.join(',')]);
  return pairs;
}

function readText(key: 'title' | 'note', text: string | undefined, notices: string[]): string {
  if (text === undefined) return '';
  const chars = Array.from(text);
  if (chars.length <= LESSON_LIMITS[key]) return text;
  notices.push(`Shortened ${key}=${shorten(text, 24)} to its first ${LESSON_LIMITS[key]} characters.`);
  return chars.slice(0, LESSON_LIMITS[key]).join('');
}

/** Known control ids in order, each once; a notice for each unknown one. */
function readControls(key: 'hide' | 'lock', text: string | undefined, notices: string[]): ControlId[] {
  const ids: ControlId[] = [];
  for (const item of (text ?? '').split(',')) {
    const id = item.trim();
    if (id === '') continue;
    if (!isControlId(id)) notices.push(ignored(key, id, 'not a control name (such as dataset, model.layers, training.learningRate)'));
    else if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The lesson of a link, or null when it has none. `given` holds each key's text. */
export function readLesson(given: Map<string, string>, notices: string[]): Lesson | null {
  if (!LESSON_KEYS.some((key) => given.has(key))) return null;
  const lesson: Lesson = {
    title: readText('title', given.get('title'), notices),
    note: readText('note', given.get('note'), notices),
    hidden: readControls('hide', given.get('hide'), notices),
    locked: readControls('lock', given.get('lock'), notices),
  };
  const id = given.get('lesson');
  if (id !== undefined) {
    if (LESSON_ID.test(id.trim())) lesson.id = id.trim();
    else notices.push(ignored('lesson', id, 'a lesson id is 1 to 40 lower-case letters, digits and dashes'));
  }
  return lesson;
}
