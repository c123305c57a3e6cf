// <training-sandbox-widget hash="#v=1&data=xor&…" label="…"></training-sandbox-widget>: the embed as a custom element.
// It creates the same lazy <iframe> as "Copy embed code" gives, next to this script's own address (the build
// emits it as training-sandbox-widget.js beside embed.html), and sizes the frame to the widget's height as
// the widget reports it, so a phone-width column gets a taller frame instead of a scroll bar inside it.
// Standalone on purpose: it imports nothing, so the file works when copied anywhere with the build.

/** Must match HEIGHT_MESSAGE in host-height.ts. */
const HEIGHT_MESSAGE = 'training-sandbox:height';
/** A variable, not a literal, so Vite leaves this URL to be resolved at run time against the script. */
const EMBED_PAGE = 'embed.html';

class TrainingSandboxWidget extends HTMLElement {
  static observedAttributes = ['hash', 'src', 'label'];
  readonly #frame = document.createElement('iframe');

  constructor() {
    super();
    this.#frame.loading = 'lazy';
    this.#frame.style.cssText = 'display:block;width:100%;height:600px;border:0';
  }

  connectedCallback() {
    this.style.display ||= 'block';
    this.#update();
    if (!this.#frame.isConnected) this.append(this.#frame);
    window.addEventListener('message', this.#onMessage);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
  }

  attributeChangedCallback() {
    this.#update();
  }

  #update() {
    const hash = this.getAttribute('hash') ?? '';
    const page = new URL(this.getAttribute('src') ?? EMBED_PAGE, import.meta.url);
    page.hash = hash.startsWith('#') ? hash.slice(1) : hash;
    if (this.#frame.src !== page.href) this.#frame.src = page.href;
    this.#frame.title = this.getAttribute('label') ?? 'Training Sandbox widget';
  }

  readonly #onMessage = (event: MessageEvent) => {
    if (event.source !== this.#frame.contentWindow) return;
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (data?.type !== HEIGHT_MESSAGE || typeof data.height !== 'number' || !(data.height > 0)) return;
    this.#frame.style.height = `${Math.min(Math.ceil(data.height), 4000)}px`;
  };
}

if (!customElements.get('training-sandbox-widget')) customElements.define('training-sandbox-widget', TrainingSandboxWidget);
