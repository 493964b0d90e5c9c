/** The dashboard's entry point (bundled to /app.js by scripts/build-web.mjs). */
import { render } from 'preact';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
root.textContent = '';
render(<App />, root);
