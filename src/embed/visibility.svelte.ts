// Whether the reader can see the widget. Two things hide it: the widget scrolled out of view (an
// IntersectionObserver with the implicit root: inside an iframe, same-origin or not, Chromium and Firefox
// clip the target by every ancestor frame and the top-level viewport, so scrolling the *host page* past the
// iframe counts) and the tab hidden (Page Visibility API).

export type HiddenReason = 'scrolled' | 'tab';

export class ViewWatcher {
  /** Any part of the widget within the reader's viewport. Assumed until the first observation says otherwise. */
  inView = $state(true);
  tabVisible = $state(typeof document === 'undefined' || document.visibilityState !== 'hidden');
  /** Why the reader cannot see the widget now, or null when they can. A hidden tab outranks scrolling. */
  hiddenBecause = $derived<HiddenReason | null>(!this.tabVisible ? 'tab' : !this.inView ? 'scrolled' : null);

  /** Starts watching `element`; returns what stops it (an $effect cleanup). */
  observe(element: Element): () => void {
    const observer = new IntersectionObserver((entries) => {
      // Entries arrive oldest first; the last says where the element is now.
      this.inView = entries[entries.length - 1].isIntersecting;
    }, { threshold: 0 });
    observer.observe(element);
    const onVisibility = () => (this.tabVisible = document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }
}
