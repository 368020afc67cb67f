// Draws public/favicon.png, 64 × 64, from public/icon.svg (the manifest's icon) in
// Chromium; index.html says why the favicon is a PNG. `node tools/favicon_png.mjs` after
// changing icon.svg.
import fs from 'node:fs';
import { launch } from '../tests/browser.mjs';

const root = new URL('../public/', import.meta.url).pathname;
const svg = fs.readFileSync(`${root}icon.svg`, 'utf8').replace('<svg ', '<svg width="64" height="64" ');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 64, height: 64 } });
await page.setContent(`<body style="margin:0">${svg}</body>`);
await page.screenshot({ path: `${root}favicon.png`, omitBackground: true, clip: { x: 0, y: 0, width: 64, height: 64 } });
await browser.close();
