// Tells the page around the widget's iframe how tall the widget is, so <training-sandbox-widget> (element.ts)
// can size its iframe to fit instead of scrolling inside it. A plain <iframe> embed ignores these messages.

/** The message type; element.ts spells the same string (kept apart so its build has no shared chunk). */
export const HEIGHT_MESSAGE = 'training-sandbox:height';

/** Posts the document's height to the parent whenever it changes; returns what stops it. */
export function reportHeight(): () => void {
  if (window.parent === window) return () => {};
  let last = 0;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // Only a height leaves the frame, so any host may hear it.
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  });
  observer.observe(document.documentElement);
  return () => observer.disconnect();
}
