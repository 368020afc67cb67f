// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run make test to install it`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;
export function screenshotPath(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}${name}.png`;
}

/// Has the page note, itself, when each of `selectors` first matches: Playwright notices
/// a new element up to a few hundred ms later in a headless page, which a timing would
/// count as waiting. Call before navigating. `seen(selector)` gives `{ ms, epoch }` (ms
/// since navigation start, and since 1970 to compare with a server's log) or null.
export async function noteWhenSeen(page, selectors) {
  await page.addInitScript((list) => {
    window.__seen = {};
    new MutationObserver(() => {
      for (const s of list) if (!(s in window.__seen) && document.querySelector(s)) window.__seen[s] = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  }, selectors);
  return (selector) => page.evaluate((s) => (s in (window.__seen || {})
    ? { ms: window.__seen[s], epoch: performance.timeOrigin + window.__seen[s] } : null), selector);
}
