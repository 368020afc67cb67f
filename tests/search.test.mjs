// End to end: the release build of the site, served on 127.0.0.1, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, screenshotPath } from './browser.mjs';

const DIST = path.resolve(new URL('../dist', import.meta.url).pathname);
// Each true, false, or a test of the file's path: which downloads it applies to.
let site, browser, failBundle = false, slowBundle = false, damageBundle = false, stallFile = false;
const applies = (what, file) => (typeof what === 'function' ? what(file) : what);
// The segment that answers first; the others are the years of links.
const FIRST_SEGMENT = JSON.parse(fs.readFileSync(path.join(DIST, 'data/manifest.json'), 'utf8')).segments[0].name;
const later = (file) => !file.endsWith(`/${FIRST_SEGMENT}`);

/// Waits until every segment of the index is in: counts and facets are then final.
async function wholeIndex(page) {
  await page.locator('p.status.ready').waitFor({ timeout: 60_000 });
}

before(async () => {
  site = await serve(DIST, {
    failBundle: (file) => applies(failBundle, file),
    slowBundle: (file) => applies(slowBundle, file),
    damageBundle: (file) => applies(damageBundle, file),
    stall: (file) => applies(stallFile, file),
  });
  browser = await launch();
  console.log(`# Chromium ${browser.version()} against ${site.url}`);
});

after(async () => {
  await browser?.close();
  site?.server.close();
});

test('typing yew lists the crate of the week of issue 215 (2018-01-02)', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(site.url);
  const box = page.getByRole('searchbox', { name: 'Search the archive' });
  // The box takes input before the index has arrived.
  await box.fill('yew');
  const hit = page.getByRole('listitem').filter({ hasText: 'Crate of the Week' }).filter({ hasText: 'Issue 215' });
  await hit.first().waitFor({ timeout: 60_000 });
  // textContent, not innerText: a hit (`content-visibility: auto`) has no rendered text
  // until the frame after it arrives.
  assert.match(await hit.first().textContent(), /2018-01-02/);
  assert.equal(await page.locator('mark', { hasText: /yew/i }).first().isVisible(), true);
  // The URL follows once typing pauses (`URL_PAUSE`).
  await page.waitForURL(/\?q=yew$/);
  await page.screenshot({ path: screenshotPath('search-yew-desktop'), fullPage: false });
  // The site runs under the strict Content-Security-Policy of dist/_headers.
  const response = await page.request.get(site.url);
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a shared URL opens with its query answered', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=${encodeURIComponent('"borrow checker"')}`);
  await page.getByRole('status').filter({ hasText: /results for "borrow checker"/ }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('searchbox').inputValue(), '"borrow checker"');
  await page.close();
});

test('while the index downloads, a progress bar counts its bytes and typing is answered after', async () => {
  slowBundle = true;
  const page = await browser.newPage();
  await page.goto(site.url);
  const status = page.getByRole('status').filter({ hasText: /Loading the index: [\d.]+ of [\d.]+ MB/ });
  await status.waitFor({ timeout: 30_000 });
  const bar = page.getByRole('progressbar', { name: 'Index download' });
  const seen = new Set();
  for (let i = 0; i < 40 && seen.size < 3; i++) {
    const value = await bar.getAttribute('value').catch(() => null);
    if (value !== null) seen.add(value);
    await page.waitForTimeout(50);
  }
  assert.ok(seen.size >= 2, `progress values seen: ${[...seen].join(', ')}`);
  await page.getByRole('searchbox').fill('yew');
  slowBundle = false;
  await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor({ timeout: 60_000 });
  await page.close();
});

test('a search asked before the index opens is sent once, at once, and answered as it opens', async () => {
  slowBundle = true;
  const page = await browser.newPage();
  // What the page and the engine's worker say to each other, in order.
  await page.addInitScript(() => {
    window.__said = [];
    const Base = window.Worker;
    window.Worker = function (url, options) {
      const worker = new Base(url, options);
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (m) => {
        if (String(m).includes('"Search"')) window.__said.push('search');
        return post(m);
      };
      worker.addEventListener('message', (e) => {
        const kind = String(e.data).match(/^\{"(Ready|Answer)"/)?.[1];
        if (kind) window.__said.push(kind.toLowerCase());
      });
      return worker;
    };
    window.Worker.prototype = Base.prototype;
  });
  // The first segment takes two seconds: the app asks long before the index opens.
  await page.goto(`${site.url}?q=yew`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  slowBundle = false;
  const said = await page.evaluate(() => window.__said);
  // Not asked again when it opens (the same question, still unanswered).
  assert.deepEqual(said.slice(0, said.indexOf('answer') + 1), ['search', 'ready', 'answer'], said.join(' '));
  await page.close();
});

test('results from the first segment show while the other years load, then the complete results', async () => {
  // A context of its own: no service worker of an earlier test serves the index from its cache.
  const context = await browser.newContext();
  const page = await context.newPage();
  slowBundle = true;
  try {
    await page.goto(`${site.url}?q=yew`);
    const crate = page.locator('.hit').filter({ hasText: 'Issue 215' }).filter({ hasText: /crate of the week/i }).first();
    await crate.waitFor({ timeout: 60_000 });
    // Answered while the links of every year are still on their way, and said so.
    const loading = page.getByRole('status').filter({ hasText: /still loading .*2013–2017/ });
    assert.equal(await loading.count(), 1, 'the page says which years are still coming');
    const partial = page.getByRole('status').filter({ hasText: /^\d+ results? so far for yew/ });
    assert.equal(await partial.count(), 1);
    const before = Number((await partial.innerText()).match(/^\d+/)[0]);
    await page.getByRole('heading', { name: 'Kind (so far)' }).waitFor();
    slowBundle = false;
    await page.getByText(/Index of issues up to 644/).waitFor({ timeout: 60_000 });
    const complete = page.getByRole('status').filter({ hasText: /^\d+ results for yew/ });
    await complete.waitFor();
    const after = Number((await complete.innerText()).match(/^\d+/)[0]);
    assert.ok(after > before, `more results once every year is in: ${before} then ${after}`);
    await crate.waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Kind (so far)' }).count(), 0);
  } finally {
    slowBundle = false;
    await context.close();
  }
});

test('a failed index download says so and retries', async () => {
  failBundle = true;
  const page = await browser.newPage();
  await page.goto(site.url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  assert.match(await alert.innerText(), /503/);
  failBundle = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 60_000 });
  // The empty page shows the help and the latest issue's highlights.
  await page.getByRole('heading', { name: /^Latest: This Week in Rust 644/ }).waitFor();
  assert.match(await page.locator('.latest').innerText(), /crate of the week/i);
  assert.match(await page.locator('.latest').innerText(), /noq/);
  await page.close();
});

test('when the later segments fail, the first one answers on, says which years it lacks and why, and Retry loads them', async () => {
  failBundle = later;
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}?q=yew`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const said = await alert.innerText();
    assert.match(said, /Could not load data\/index\.[0-9a-f]{16}\.bin: the server answered 503/);
    assert.match(said, /Answering from what has arrived; not loaded: 2026, 2025, .*2013–2017\./);
    // The crate of the week is in the first segment, and the count says it is not all.
    await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor();
    const summary = page.locator('.summary');
    assert.match(await summary.innerText(), /^\d+ results? for yew in the years that loaded \(\d+ ms\); not loaded: 2026, .*2013–2017$/);
    const before = Number((await summary.innerText()).match(/^\d+/)[0]);
    failBundle = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await wholeIndex(page);
    await page.getByRole('status').filter({ hasText: /^\d+ results for yew \(\d+ ms\)$/ }).waitFor();
    const after = Number((await summary.innerText()).match(/^\d+/)[0]);
    assert.ok(after > before, `every year's results once the rest loaded: ${before} then ${after}`);
    assert.equal(await page.getByRole('alert').count(), 0);
  } finally {
    failBundle = false;
    await context.close();
  }
});

test('a segment download that fails once is tried again, and the reader is not told', async () => {
  // The first request for each later segment fails (503); the next one is served.
  const served = new Set();
  failBundle = (file) => {
    if (!later(file) || served.has(file)) return false;
    served.add(file);
    return true;
  };
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}?q=yew`);
    await wholeIndex(page);
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.ok(served.size >= 7, `every later segment failed once: ${served.size}`);
    await page.getByRole('status').filter({ hasText: /^\d+ results for yew \(\d+ ms\)$/ }).waitFor();
  } finally {
    failBundle = false;
    await context.close();
  }
});

for (const [what, file, said] of [
  ['the first segment', (f) => f.endsWith(`/${FIRST_SEGMENT}`), /The download of crates and quotes 2013–2025 \(data\/index\.[0-9a-f]{16}\.bin\) broke off \(nothing arrived for 20 seconds\)\./],
  ["the engine's wasm", (f) => f.endsWith('/engine_bg.wasm'), /The search engine could not start \(its download broke off: nothing arrived for 20 seconds\)\./],
]) {
  test(`a download of ${what} that stalls is said after 20 seconds without a byte, and Retry starts it again`, async () => {
    // Half of the file comes, then nothing, the connection left open; a segment is
    // tried once more (stalling again) before the reader is told.
    stallFile = file;
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(site.url);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 120_000 });
      assert.match(await alert.innerText(), said);
      stallFile = false;
      await page.getByRole('button', { name: 'Retry' }).click();
      await wholeIndex(page);
      await page.getByRole('searchbox').fill('yew');
      await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor();
    } finally {
      stallFile = false;
      await context.close();
    }
  });
}

test('a damaged index download is refused by its sha256, named, and the repaired one opens on Retry', async () => {
  damageBundle = true;
  const page = await browser.newPage();
  await page.goto(site.url);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  // The worker's digest (WebCrypto) against the manifest's: the file and both sums named.
  assert.match(await alert.innerText(), /index\.[0-9a-f]{16}\.bin has sha256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}: the download is damaged/);
  damageBundle = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 60_000 });
  await page.getByRole('searchbox').fill('yew');
  await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor();
  await page.close();
});

test('the first view is HTML: text typed before the app arrives is kept, with its caret and focus, and answered', async () => {
  const context = await browser.newContext();
  // The page's own wasm is held back until the reader has typed.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(/\/twir-search-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  try {
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
    // Readable and typeable with no app: the help and the latest issue are in the HTML.
    await page.getByRole('heading', { name: /^Latest: This Week in Rust 644/ }).waitFor();
    assert.match(await page.locator('.help').innerText(), /kind:crate parser/);
    const box = page.getByRole('searchbox');
    await box.click();
    await box.pressSequentially('yew');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator('.hit').count(), 0, 'no app yet');
    release();
    await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor({ timeout: 60_000 });
    assert.equal(await box.inputValue(), 'yew');
    assert.deepEqual(
      await page.evaluate(() => [document.activeElement.id, document.activeElement.selectionStart]),
      ['q', 2],
      'the box keeps the focus and the caret where the reader left it',
    );
    await page.getByRole('status').filter({ hasText: /results for yew/ }).waitFor();
    assert.ok(await page.locator('#first-view').isHidden(), 'results replace the help');
  } finally {
    release();
    await context.close();
  }
});

test('of queries typed faster than the engine answers, only the newest is painted', async () => {
  const page = await browser.newPage();
  await page.goto(site.url);
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 60_000 });
  // Every summary the page paints, in order.
  await page.evaluate(() => {
    window.__painted = [];
    new MutationObserver(() => {
      const s = document.querySelector('.summary');
      const text = s && s.textContent;
      if (text && window.__painted[window.__painted.length - 1] !== text) window.__painted.push(text);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  // A slow query (a stop-word phrase reads many records), then at once a quick one, in
  // the same task: the slow one's answer must never be painted, even late.
  await page.evaluate(() => {
    const box = document.getElementById('q');
    for (const q of ['"to be or not to be"', 'yew']) {
      box.value = q;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await page.getByRole('status').filter({ hasText: /^\d+ results for yew/ }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const painted = await page.evaluate(() => window.__painted);
  assert.ok(painted.length >= 1, 'the answer was painted');
  assert.deepEqual(painted.filter((t) => /to be or not/.test(t)), [], `painted: ${JSON.stringify(painted)}`);
  assert.match(painted[painted.length - 1], /results for yew/);
  await page.close();
});

test('an engine that cannot start says so and starts again on Retry', async () => {
  const context = await browser.newContext();
  let broken = true;
  await context.route(/\/engine_bg\.wasm$/, (route) => (broken ? route.fulfill({ status: 404, body: 'not found' }) : route.continue()));
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}?q=yew`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /The search engine could not start/);
    // The first view still works as a page: its links and its box are there.
    assert.equal(await page.getByRole('searchbox').inputValue(), 'yew');
    broken = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor({ timeout: 60_000 });
    assert.equal(await page.getByRole('alert').count(), 0);
  } finally {
    await context.close();
  }
});

test('an index of a format this page cannot read asks for a reload, not a retry', async () => {
  const context = await browser.newContext();
  // The site publishes an index of the next format while this page (from a cache, say)
  // is of the current one: the engine refuses it with ErrorKind::FormatVersion.
  let newer = true;
  await context.route(/\/data\/manifest\.json$/, async (route) => {
    if (!newer) return route.continue();
    const manifest = JSON.parse(await (await route.fetch()).text());
    manifest.format_version += 1;
    return route.fulfill({ body: JSON.stringify(manifest), contentType: 'application/json' });
  });
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}?q=yew`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /index format \d+ is not supported[\s\S]*reload to use it/);
    // Starting the same page's engine again would only fail again.
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
    newer = false;
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor({ timeout: 60_000 });
    assert.equal(await page.getByRole('alert').count(), 0);
  } finally {
    await context.close();
  }
});

test('no results offers the search with fewer words', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=${encodeURIComponent('tokio qqzzxxvv ')}`);
  const fewer = page.getByRole('button', { name: 'Search for tokio instead' });
  await fewer.waitFor({ timeout: 60_000 });
  await fewer.click();
  await page.getByRole('status').filter({ hasText: /^\d+ results for tokio/ }).waitFor();
  await page.close();
});

test('what a long query was spared is said: words left out, words spelled exactly', async () => {
  const page = await browser.newPage();
  // Five misspelled words: the first four forgive typos, the fifth must match as typed.
  await page.goto(`${site.url}?q=${encodeURIComponent('tokoi asyncronous webassembley borow checkr ')}`);
  const spelled = page.getByRole('status').filter({ hasText: /spelled exactly/ });
  await spelled.waitFor({ timeout: 60_000 });
  assert.match(await spelled.innerText(), /\(1 word spelled exactly: typos are forgiven in the first 4\)/);
  // Twenty short words (too short to forgive typos): the last four are left out.
  const twenty = Array.from({ length: 20 }, (_, i) => `zq${i}`).join(' ');
  await page.goto(`${site.url}?q=${encodeURIComponent(`${twenty} `)}`);
  const left = page.getByRole('status').filter({ hasText: /left out/ });
  await left.waitFor({ timeout: 60_000 });
  assert.match(await left.innerText(), /\(4 more words left out: a search reads the first 16\)/);
  await page.close();
});

test('fewer words drops a trailing phrase whole', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=${encodeURIComponent('tokio "zzqq xxvv" ')}`);
  const fewer = page.getByRole('button', { name: /^Search for .* instead$/ });
  await fewer.waitFor({ timeout: 60_000 });
  assert.equal(await fewer.innerText(), 'Search for tokio instead');
  await page.close();
});

test('a quoted filter is one chip, and removing it empties the box', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=${encodeURIComponent('author:"Ralf Jung"')}`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  const chips = page.locator('.chip');
  assert.deepEqual(await chips.allInnerTexts(), ['author:"Ralf Jung" ×']);
  // textContent, not innerText: a hit out of view is not rendered (content-visibility),
  // and innerText is only what is rendered.
  const authors = await page.locator('.hit .hit-title').allTextContents();
  assert.ok(authors.length > 0 && authors.every((a) => a === 'Ralf Jung'), authors.join());
  await chips.click();
  await page.waitForFunction(() => document.querySelector('#q, input[type=search]')?.value === '');
  assert.equal(await page.getByRole('searchbox', { name: 'Search the archive' }).inputValue(), '');
  await page.close();
});

test('a device that cannot save the index for offline use is told so', async () => {
  const context = await browser.newContext();
  // Cache Storage refuses every write, as a full disk or a private window may: in the
  // engine's worker, which is what saves the index, before its own script runs.
  await context.route('**/worker.js', async (route) => {
    const original = await (await route.fetch()).text();
    const refuse = "Cache.prototype.put = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));\n";
    await route.fulfill({ body: refuse + original, contentType: 'text/javascript' });
  });
  const page = await context.newPage();
  await page.goto(`${site.url}?q=tokio`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  const notice = page.getByText(/^This device could not save the index for use offline \(.*quota.*\); search works while online\.$/i);
  await notice.waitFor({ timeout: 60_000 });
  await context.close();
});

test('the crates table keeps its sort and filter through a reload', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?view=crates`);
  const table = page.locator('table.crates');
  await table.locator('tbody tr').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Crate', exact: true }).click();
  await page.getByLabel('Filter').fill('async');
  await page.waitForURL(/view=crates&by=crate&filter=async$/);
  const before = await table.locator('tbody td.name').allInnerTexts();
  assert.ok(before.length > 1 && before.length < 100, before.length);
  await page.reload();
  await table.locator('tbody tr').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.getByLabel('Filter').inputValue(), 'async');
  assert.equal(await page.getByRole('columnheader', { name: 'Crate' }).getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await table.locator('tbody td.name').allInnerTexts(), before);
  await page.close();
});

test('no horizontal scrolling on a 360 px wide phone', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${site.url}?q=tokio`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok((await overflow()) <= 0, `page is ${await overflow()}px wider than the viewport`);
  await page.screenshot({ path: screenshotPath('search-tokio-phone') });
  // The browse pages too: the crates table turns into cards on a phone.
  for (const [view, ready] of [['crates', 'table.crates tbody tr'], ['issue&n=215', '.issue-links li'], ['quotes', '.quote'], ['issues', '.issue-list li']]) {
    await page.goto(`${site.url}?view=${view}`);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    assert.ok((await overflow()) <= 0, `?view=${view} is ${await overflow()}px wider than the viewport`);
    await page.screenshot({ path: screenshotPath(`${view.replace(/\W.*/, '')}-phone`) });
  }
  await page.close();
});

test('clicking a facet filters the results and the URL; the chip removes it', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=parser`);
  await wholeIndex(page);
  const crates = page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: /^Crate of the Week \(\d+\)$/ }).first();
  await crates.waitFor({ timeout: 60_000 });
  const label = await crates.innerText();
  const count = Number(label.match(/\((\d+)\)/)[1]);
  await crates.click();
  // In front of `parser`, which (no space after it) still matches as a prefix.
  await page.waitForURL(/q=kind%3Acrate\+parser$/);
  await page.getByRole('status').filter({ hasText: `${count} results for kind:crate parser` }).waitFor();
  const kinds = await page.locator('.hit .kind').allTextContents();
  assert.ok(kinds.length > 0 && kinds.every((k) => /crate of the week/i.test(k)), kinds.join());
  assert.equal(await crates.getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Remove filter kind:crate' }).click();
  await page.waitForURL(/q=parser$/);
  await page.close();
});

test('the URL takes the query when typing pauses, not per keystroke; a page opened before that keeps it for Back', async () => {
  const page = await browser.newPage();
  // The page's timers wait for the test: the URL's write waits on one.
  await page.clock.install();
  await page.goto(site.url);
  await wholeIndex(page);
  await page.clock.pauseAt(Date.now() + 1000);
  const box = page.getByRole('searchbox', { name: 'Search the archive' });
  const answered = (q) => page.locator('.summary').filter({ hasText: new RegExp(`^\\d+ results for ${q} `) }).waitFor();
  await box.fill('serde');
  await answered('serde');
  assert.doesNotMatch(page.url(), /serde/, 'answered, and the URL not written yet');
  await page.clock.runFor(300);
  await page.waitForURL(/\?q=serde$/);
  await box.fill('tokio');
  await answered('tokio');
  assert.match(page.url(), /\?q=serde$/);
  // Another page, before the pause is over: the search's history entry gets tokio first.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Crates of the Week' }).click();
  await page.waitForURL(/\?view=crates$/);
  await page.goBack();
  await page.waitForURL(/\?q=tokio$/);
  assert.equal(await box.inputValue(), 'tokio');
  await page.close();
});

test('keyboard only: / focuses the box, Esc clears it, arrow keys reach a crate and Enter opens it', async () => {
  const page = await browser.newPage();
  await page.goto(site.url);
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 60_000 });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('kind:crate yew ');
  const first = page.locator('.hit').first();
  await first.filter({ hasText: 'Issue 215' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('searchbox').inputValue(), '');
  await page.keyboard.type('yew ');
  await first.filter({ hasText: 'Crate of the Week' }).filter({ hasText: 'Issue 215' }).waitFor();
  // The answer to `yew ` (the whole word) may come after the one to `yew` (a prefix):
  // the arrows walk that one, with its second result in place.
  await page.locator('.summary').filter({ hasText: /^\d+ results for yew \(/ }).waitFor();
  await page.locator('.hits .hit-title').nth(1).waitFor();
  const focused = () => page.evaluate(() => {
    const titles = [...document.querySelectorAll('.hits .hit-title')];
    return { at: titles.indexOf(document.activeElement), id: document.activeElement.id };
  });
  // Down from the box to the first result, down to the second, up and up to the box.
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused()).at, 0);
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused()).at, 1);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await focused(), { at: -1, id: 'q' });
  await page.keyboard.press('ArrowDown');
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('href')), /github\.com\/DenisKolodin\/yew/);
  // Enter follows the link (the target is off this machine's network: catch the attempt).
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('DenisKolodin/yew'), { timeout: 10_000 }),
    page.keyboard.press('Enter'),
  ]);
  assert.match(request.url(), /github\.com\/DenisKolodin\/yew/);
  await page.close();
});

test('the crates table sorts by a column, filters, and offers its download', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?view=crates`);
  const summary = page.getByRole('status').filter({ hasText: /crates of the week/ });
  await summary.waitFor({ timeout: 60_000 });
  assert.match(await summary.innerText(), /^539 crates of the week$/);
  const names = () => page.locator('table.crates tbody td.name').allInnerTexts();
  // Newest issue first by default.
  const issues = (await page.locator('table.crates tbody td.issue a').allInnerTexts()).map(Number);
  assert.deepEqual(issues, [...issues].sort((a, b) => b - a));
  const header = page.getByRole('columnheader', { name: 'Crate' });
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  const sorted = await names();
  const lower = sorted.map((n) => n.toLowerCase());
  assert.deepEqual(lower, [...lower].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  await header.getByRole('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.equal((await names())[0], sorted[sorted.length - 1]);
  await page.getByLabel('Filter').fill('parser');
  await summary.filter({ hasText: /^\d+ of 539/ }).waitFor();
  const rows = await page.locator('table.crates tbody tr').allInnerTexts();
  assert.ok(rows.length > 3 && rows.every((r) => /parser/i.test(r)), rows.length);
  const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
  const response = await page.request.get(new URL(csv, page.url()).href);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^issue,date,name/);
  await page.screenshot({ path: screenshotPath('crates-table-desktop') });
  await page.close();
});

test('an issue page shows the issue by section; Back returns to the search', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=kind%3Acrate+yew`);
  await wholeIndex(page);
  const hit = page.locator('.hit').filter({ hasText: 'Issue 215' }).first();
  await hit.waitFor({ timeout: 60_000 });
  await hit.getByRole('link', { name: 'Issue 215' }).click();
  await page.waitForURL(/\?view=issue&n=215$/);
  await page.getByRole('heading', { level: 1, name: 'This Week in Rust 215' }).waitFor();
  const crate = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Crate of the Week', exact: true }) });
  assert.equal(await crate.count(), 1);
  assert.match(await crate.innerText(), /^Crate of the Week\nyew: a framework/);
  const sections = await page.locator('.issue-page h2').allInnerTexts();
  assert.ok(sections.length > 5, sections.join(' | '));
  assert.ok(sections.some((s) => /News & Blog Posts/.test(s)), sections.join(' | '));
  assert.match(await page.getByRole('link', { name: /this-week-in-rust\.org/ }).getAttribute('href'), /\/2018\/01\/02\/this-week-in-rust-215\//);
  await page.screenshot({ path: screenshotPath('issue-215-desktop') });
  await page.goBack();
  await page.waitForURL(/\?q=kind%3Acrate\+yew$/);
  await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor();
  await page.close();
});

test('the timeline shows matches per year and a bar filters to its year', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=async`);
  await wholeIndex(page);
  const bar = page.getByRole('button', { name: /^2019: \d+ matches$/ });
  await bar.waitFor({ timeout: 60_000 });
  const n = Number((await bar.getAttribute('aria-label')).match(/(\d+) matches/)[1]);
  assert.ok(n > 0);
  await bar.click();
  await page.waitForURL(/q=year%3A2019\+async$/);
  // Exactly the count the bar showed, and every hit is shown from a 2019 issue.
  await page.getByRole('status').filter({ hasText: new RegExp(`^${n} results for year:2019 async`) }).waitFor();
  assert.equal(await bar.getAttribute('aria-pressed'), 'true');
  const dates = await page.locator('.hit time').allTextContents();
  assert.ok(dates.length > 0 && dates.every((d) => d.startsWith('2019')), dates.join());
  // Other years have nothing left.
  assert.equal(await page.getByRole('button', { name: /^2015: 0 matches$/ }).isDisabled(), true);
  await page.close();
});

test('issues by year; quotes filtered by author and year, kept through a reload', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?view=issues`);
  await page.getByRole('heading', { level: 1, name: 'Issues' }).waitFor({ timeout: 60_000 });
  const years = await page.locator('.browse h2').allInnerTexts();
  assert.equal(years[years.length - 1], '2013');
  assert.equal(await page.locator('.issue-list li').count(), 643);
  assert.match(await page.locator('.issue-list li').filter({ hasText: /^Issue 215\b/ }).innerText(), /crate: yew$/);
  await page.getByRole('link', { name: 'Quotes of the Week' }).click();
  await page.waitForURL(/\?view=quotes$/);
  await page.getByRole('searchbox', { name: 'Author' }).fill('llogiq');
  const quotes = page.locator('.quote');
  await page.getByRole('status').filter({ hasText: /^\d+ of 535 quotes/ }).waitFor();
  const metas = await quotes.locator('.quote-meta').allInnerTexts();
  assert.ok(metas.length > 5 && metas.every((m) => /llogiq/i.test(m)), metas.length);
  // The filters are in the URL: a reload (or the link, shared) shows the same quotes.
  await page.getByLabel('Year').selectOption('2019');
  await page.waitForURL(/\?view=quotes&author=llogiq&year=2019$/);
  const status = page.getByRole('status').filter({ hasText: /^[1-9]\d* of 535 quotes/ });
  const count = await status.innerText();
  const cited = await quotes.locator('.quote-meta').allInnerTexts();
  await page.reload();
  await page.getByRole('status').filter({ hasText: count }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('searchbox', { name: 'Author' }).inputValue(), 'llogiq');
  assert.equal(await page.getByLabel('Year').inputValue(), '2019');
  assert.deepEqual(await quotes.locator('.quote-meta').allInnerTexts(), cited);
  await page.close();
});

test('quotes page: author and venue apart, one person whatever the spelling', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?view=quotes`);
  await page.getByRole('heading', { level: 1, name: 'Quotes of the Week' }).waitFor({ timeout: 60_000 });
  await page.getByRole('status').filter({ hasText: /^535 of 535 quotes/ }).waitFor();
  // Issue 571: the attribution Markdown pulled into the quote is out of it, and the
  // author and the venue each stand in their own place.
  const q571 = page.locator('.quote').filter({ has: page.getByRole('link', { name: 'Issue 571', exact: true }) });
  assert.equal(await q571.count(), 1);
  assert.equal(await q571.locator('.quote-author').innerText(), 'Sean Baxter');
  assert.equal(await q571.locator('.quote-venue').innerText(), 'on circle-lang.org');
  assert.equal(await q571.locator('.quote-author a').getAttribute('href'), 'https://www.circle-lang.org/draft-profiles.html#carcinization');
  assert.doesNotMatch(await q571.locator('blockquote').innerText(), /Sean Baxter/);
  // The author facet counts `Kornel` and `kornel` as one person.
  const facet = page.getByRole('group', { name: /people quoted/ });
  assert.equal(await facet.locator('h2').textContent(), '387 people quoted · 15 quotes without an author');
  const kornels = facet.getByRole('button', { name: /^kornel \d+$/i });
  assert.deepEqual(await kornels.allInnerTexts(), ['Kornel 10']);
  await kornels.click();
  await page.getByRole('status').filter({ hasText: /^10 of 535 quotes/ }).waitFor();
  assert.equal(await kornels.getAttribute('aria-pressed'), 'true');
  const authors = await page.locator('.quote .quote-author').allInnerTexts();
  assert.deepEqual([...new Set(authors)].sort(), ['Kornel', 'kornel']);
  assert.equal(authors.length, 10);
  await kornels.click();
  await page.getByRole('status').filter({ hasText: /^535 of 535 quotes/ }).waitFor();
  // A quote without an author says why, and keeps its venue.
  await page.getByRole('searchbox', { name: 'Author' }).fill('rust-offtopic');
  await page.getByRole('status').filter({ hasText: /^2 of 535 quotes/ }).waitFor();
  assert.deepEqual(await page.locator('.quote .quote-author').allInnerTexts(), ['no person named', 'no person named']);
  assert.deepEqual(await page.locator('.quote .quote-venue').allInnerTexts(), ['in #rust-offtopic', 'in #rust-offtopic']);
  await page.close();
});

test('sort is kept in the URL and a shared URL restores it', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=${encodeURIComponent('kind:crate')}&sort=oldest`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('#sort').inputValue(), 'oldest');
  const dates = await page.locator('.hit time').allTextContents();
  assert.deepEqual(dates, [...dates].sort());
  await page.locator('#sort').selectOption('newest');
  await page.waitForURL(/sort=newest/);
  await page.close();
});

test('light and dark themes follow the system, on desktop and phone (screenshots)', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
      const page = await browser.newPage({ colorScheme, viewport });
      await page.goto(`${site.url}?q=${encodeURIComponent('async runtime')}`);
      await page.locator('.hit').first().waitFor({ timeout: 60_000 });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      const luminance = (r + g + b) / 3;
      assert.ok(colorScheme === 'dark' ? luminance < 60 : luminance > 200, `${colorScheme} background ${bg}`);
      await page.screenshot({ path: screenshotPath(`search-${name}-${colorScheme}`) });
      await page.close();
    }
  }
});
