// What `make bench` and `make bench-compare` measure the same way: statistics, timed
// commands (/usr/bin/time -v), the CDP network profiles and a cold start in Chromium.
import { spawnSync } from 'node:child_process';
import { noteWhenSeen } from '../tests/browser.mjs';

export const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
export const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.round((v.length - 1) * p)];
export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export const stats = (v) => ({ median: round(median(v), 2), p95: round(pct(v, 0.95), 2), max: round(Math.max(...v), 2) });

/// Runs `command args` under `/usr/bin/time -v`: wall seconds and peak memory (MB).
export function timed(command, args) {
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stderr}`);
  const wall = r.stderr.match(/Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/);
  const seconds = (Number(wall[1] || 0) * 3600) + Number(wall[2]) * 60 + Number(wall[3]);
  const rssKb = Number(r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)[1]);
  return { seconds, peak_mb: rssKb / 1024 };
}

// Throughput in bytes per second, as CDP takes it.
export const PROFILES = [
  { name: 'loopback', latency: 0, down: -1 },
  { name: '9 Mbps / 40 ms', latency: 40, down: 9e6 / 8 },
  { name: '1.6 Mbps / 150 ms', latency: 150, down: 1.6e6 / 8 },
];

// Single words and pairs a reader types; both searches understand them as plain text.
export const WORDS = ['async', 'tokio', 'serde', 'wasm', 'embedded', 'gui', 'game', 'parser', 'macro', 'unsafe',
  'borrow checker', 'lifetime', 'trait', 'generic', 'error handling', 'cargo', 'clippy', 'compiler', 'const generics',
  'iterator', 'actix', 'axum', 'bevy', 'linux kernel', 'python', 'database', 'sqlx', 'rayon', 'pin', 'yew'];

/// A browser context with the cache off and `profile`'s network, and a byte counter:
/// `bytes(skip)` is what has come over the wire so far (compressed, headers included),
/// leaving out the requests whose URL `skip` is true for.
export async function throttledPage(browser, profile) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.down,
  });
  const received = new Map();
  const finished = new Map();
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e) => received.set(e.requestId, (received.get(e.requestId) || 0) + e.encodedDataLength));
  cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.encodedDataLength));
  // The engine's Web Worker fetches on its own: the page's CDP session does not see
  // those requests, Playwright does, once each has finished (body and headers as sent).
  const fromWorker = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) fromWorker.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  const bytes = (skip = () => false) => {
    let total = 0;
    for (const id of new Set([...received.keys(), ...finished.keys()])) {
      if (!skip(urls.get(id) || '')) total += finished.get(id) ?? received.get(id);
    }
    const seen = new Set(urls.values());
    for (const r of fromWorker) if (!seen.has(r.url) && !skip(r.url)) total += r.bytes;
    return total;
  };
  const requests = () => new Set([...received.keys(), ...finished.keys()]).size
    + fromWorker.filter((r) => !new Set(urls.values()).has(r.url)).length;
  return { context, page, bytes, requests };
}

// Queries typed on a cold page for `make bench`: words a reader types, names of crates
// of the week and quoted people, some answered only by issues of 2015-2018.
export const COLD_QUERIES = ['yew', 'async', 'serde', 'bevy', 'borrow checker', 'llogiq', 'rayon',
  'nom', 'diesel', 'clippy', 'iron', 'rocket'];

/// From an empty cache: open `url`, wait for the search box `box`, type `query`, wait
/// for the first `result` (and, given `complete`, for that selector too: the whole
/// index loaded). Times are from navigation start. `background(url)`: the downloads
/// that do not serve the first answer (twir-search's later segments), counted apart.
export async function coldStart(browser, { url, box, result, query, profile, complete, background = () => false }) {
  const { context, page, bytes, requests } = await throttledPage(browser, profile);
  const noted = await noteWhenSeen(page, [box, result, ...(complete ? [complete] : [])]);
  const seen = async (selector) => (await noted(selector))?.ms ?? page.evaluate(() => performance.now());
  // When the query reached the page: Playwright types only once it has found the box,
  // which takes its own turns on the page's thread, and the results wait for that too.
  await page.addInitScript(() => document.addEventListener('input', () => { window.__typed ??= performance.now(); }, true));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(box, { timeout: 300_000 });
  // Typed at once: when the box appeared is read after the results, since asking the
  // page now would be one more turn on its thread before the query reaches it.
  await page.fill(box, query);
  await page.locator(result).first().waitFor({ timeout: 300_000 });
  const resultsMs = await seen(result);
  const boxMs = await seen(box);
  const firstBytes = bytes();
  const neededBytes = bytes(background);
  const firstRequests = requests();
  const firstIssues = await page.locator(result).evaluateAll((hits) => hits.slice(0, 3).map((h) => h.textContent.match(/Issue (\d+?)(?=\d{4}-\d\d-\d\d)/)?.[1]).filter(Boolean));
  let completeMs = null;
  if (complete) {
    await page.locator(complete).first().waitFor({ timeout: 300_000 });
    completeMs = await seen(complete);
  }
  const paint = await page.evaluate(() => performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? null);
  const out = {
    profile: profile.name,
    first_paint_ms: round(paint ?? NaN, 0),
    search_box_ms: round(boxMs, 0),
    query,
    typed_ms: round(await page.evaluate(() => window.__typed ?? NaN), 0),
    first_results_ms: round(resultsMs, 0),
    bytes_before_first_results: firstBytes,
    bytes_the_first_results_need: neededBytes,
    requests_before_first_results: firstRequests,
    first_result_issues: firstIssues,
    whole_index_ms: completeMs === null ? null : round(completeMs, 0),
  };
  await context.close();
  return out;
}

/// Runs in the page: puts `text` in twir-search's box as one keystroke would and
/// resolves once the engine's worker has answered and the answer is painted (the
/// summary line changed, then the next frame): `{ changed, ms }`, `changed` false when
/// the summary stayed as it was for a second (a trailing space, the same answer).
export async function answerPainted(text) {
  const box = document.getElementById('q');
  const summary = () => document.querySelector('.summary')?.textContent ?? null;
  const before = summary();
  const t0 = performance.now();
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const changed = await new Promise((ok) => {
    const done = (v) => { observer.disconnect(); clearTimeout(timer); ok(v); };
    const observer = new MutationObserver(() => summary() !== before && done(true));
    observer.observe(document.getElementById('app'), { childList: true, subtree: true, characterData: true });
    const timer = setTimeout(() => done(false), 1000);
  });
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  return { changed, ms: performance.now() - t0 };
}
