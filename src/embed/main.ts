// The embeddable widget's entry point (embed.html): mounts EmbedApp with the global styles.
import { mount } from 'svelte';
import '../ui/global.css';
import EmbedApp from './EmbedApp.svelte';

export default mount(EmbedApp, { target: document.getElementById('embed')! });

// A new hash is a new experiment (a host page changed the frame's address): start afresh rather than mix runs.
window.addEventListener('hashchange', () => location.reload());
