// The snippet "Copy embed code" gives: an <iframe> of embed.html carrying the experiment's hash, and a one-line
// script that sizes the frame to the widget as <training-sandbox-widget> does (the widget posts its height,
// host-height.ts). embed.html sits next to index.html in the build, so its address is the app's address with
// the file name swapped, wherever (and under whatever sub-path) the sandbox is hosted.
import type { ExperimentSpec } from '../engine/model/spec';
import { widgetTitle } from './describe';
import { HEIGHT_MESSAGE } from './host-height';

/**
 * Heights that fit the widget without an inner scroll bar in a column about 720 px wide: the boundary or
 * image grid beside the chart. On a phone the widget stacks and scrolls inside its frame.
 */
export const EMBED_HEIGHT = { points: 540, images: 520, table: 480, ownImages: 520 } as const;

/** The widget's address for the app link `appHref` (any file or directory of the app, with its hash). */
export function embedUrl(appHref: string): string {
  const app = new URL(appHref);
  return new URL(`embed.html${app.hash}`, app).href;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Sets the height of whichever marked frame a height message came from. Pasted with each frame, it is harmless
 * twice: every copy sets the same height. A page that strips scripts keeps the frame at its starting height.
 */
export const RESIZE_SCRIPT = `<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="${HEIGHT_MESSAGE}")return;` +
  `document.querySelectorAll("iframe[data-training-sandbox]").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})})</script>`;

/**
 * An <iframe> for a blog post or course page (lazy, so it costs nothing until a reader scrolls to it) that
 * fits its height to the widget.
 */
export function embedSnippet(appHref: string, spec: ExperimentSpec): string {
  const src = escapeAttribute(embedUrl(appHref));
  const title = escapeAttribute(`Training Sandbox: ${widgetTitle(spec)}`);
  const height = EMBED_HEIGHT[spec.dataset.kind];
  return `<iframe src="${src}" title="${title}" width="100%" height="${height}" style="border:0;max-width:720px" loading="lazy" data-training-sandbox></iframe>${RESIZE_SCRIPT}`;
}
