// One way to write a date and time everywhere on the page (run lists, saved models, run names): year first,
// 24-hour clock, in the reader's time zone, "2026-12-01 21:30", which no locale reads as another day.
const two = (n: number) => String(n).padStart(2, '0');

export function formatTime(when: Date): string {
  return `${two(when.getHours())}:${two(when.getMinutes())}`;
}

export function formatDateTime(when: Date | string | number): string {
  const d = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(d.getTime())) return 'unknown date';
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${formatTime(d)}`;
}
