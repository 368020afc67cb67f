// Offline and deployable: the service worker, index updates and sub-path hosting, in
// headless Chromium. The server is shut down (and the browser set offline through CDP)
// before the offline parts, so nothing can come from the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, noteWhenSeen, screenshotPath } from './browser.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const DIST = path.join(ROOT, 'dist');
const DIST_SEARCH = path.join(ROOT, 'dist-search');
const ARCHIVE = process.env.ARCHIVE || path.resolve(ROOT, '../shared/twir-archive/content');
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function stop(site) {
  site.server.closeAllConnections();
  site.server.close();
}

/// The segment files a site's manifest names.
function segmentsOf(dataDir) {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')).segments.map((s) => s.name).sort();
}

/// The segment files in the app's cache, by name.
async function cachedSegments(page) {
  return page.evaluate(async () => {
    const keys = await (await caches.open('twir-data')).keys();
    return keys.map((k) => k.url.match(/\/(index\.[0-9a-f]+\.bin)$/)?.[1]).filter(Boolean).sort();
  });
}

/// Waits until the service worker controls the page, every segment of `dataDir`'s
/// manifest is cached (and nothing else) and then the manifest itself, which the engine's
/// worker saves last, once the whole index opens: a page left before that leaves nothing
/// usable offline.
async function waitUntilSavedForOffline(page, dataDir = path.join(DIST, 'data')) {
  const wanted = segmentsOf(dataDir);
  let saved = [];
  for (let i = 0; i < 150; i++) {
    const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
    saved = await cachedSegments(page);
    const manifest = await page.evaluate(async () => Boolean(await (await caches.open('twir-data')).match('data/manifest.json')));
    if (controlled && manifest && JSON.stringify(saved) === JSON.stringify(wanted)) return saved;
    await page.waitForTimeout(200);
  }
  throw new Error(`the index was not saved for offline use: ${saved.join()} instead of ${wanted.join()}`);
}

async function searchFilterAndOpenIssue(page, base) {
  await page.goto(`${base}?q=yew`);
  const hit = page.locator('.hit').filter({ hasText: 'Issue 215' }).filter({ hasText: /crate of the week/i }).first();
  await hit.waitFor({ timeout: 30_000 });
  // The first saved segment answers first; the facets move when the rest is in, so the
  // click waits for the whole index and for its answer to be painted, which comes from
  // the worker just after the status says so (a click during the swap can land on a
  // button being replaced).
  await page.locator('p.status.ready').waitFor({ timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: /^\d+ results for yew/ }).waitFor({ timeout: 30_000 });
  const crates = page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: /^Crate of the Week \(\d+\)$/ }).first();
  await crates.click();
  await page.getByRole('status').filter({ hasText: /\d+ results? for kind:crate yew/ }).waitFor();
  await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().getByRole('link', { name: 'Issue 215' }).click();
  await page.getByRole('heading', { level: 1, name: 'This Week in Rust 215' }).waitFor();
}

test('after one visit the site works offline: search, filter and an issue page', async () => {
  const site = await serve(DIST);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByText(/Index of issues up to 644/).waitFor({ timeout: 60_000 });
  await waitUntilSavedForOffline(page);
  // An index of the previous format left in Cache Storage is replaced, never used.
  await page.evaluate(async () => {
    const cache = await caches.open('twir-data');
    await cache.put('data/manifest.json', new Response(JSON.stringify({
      format_version: 3, built_at: '', records: {}, first_date: '', last_date: '2020-01-01', last_issue: 300,
      files: [{ name: 'index.00000000deadbeef.bin', size: 3, sha256: '' }],
    })));
    await cache.put('data/index.00000000deadbeef.bin', new Response(new Uint8Array([1, 2, 3])));
  });
  await page.reload();
  await page.getByText(/Index of issues up to 644/).waitFor({ timeout: 60_000 });
  await waitUntilSavedForOffline(page);
  stop(site);
  await context.setOffline(true);
  await page.reload();
  await page.getByText(/Offline: searching the index saved on this device, issues up to 644/).waitFor({ timeout: 30_000 });
  await searchFilterAndOpenIssue(page, site.url);
  await page.screenshot({ path: screenshotPath('offline-issue-215') });
  // The crates table and its download work offline too.
  await page.getByRole('link', { name: 'Crates of the Week' }).click();
  await page.getByRole('status').filter({ hasText: /^539 crates of the week$/ }).waitFor();
  const csv = await page.evaluate(async () => {
    const r = await fetch('data/crates-of-the-week.csv');
    return [r.status, (await r.text()).slice(0, 15)];
  });
  assert.deepEqual(csv, [200, 'issue,date,name']);
  await context.close();
});

test('a repeat visit answers from the saved index before it asks the network anything; a new app is used from the visit after', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-repeat-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const site = await serve(dir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByText(/Index of issues up to 644/).waitFor({ timeout: 60_000 });
  await waitUntilSavedForOffline(page);
  const seen = await noteWhenSeen(page, ['.hit']);
  const logged = site.log.length;
  await page.goto(`${site.url}?q=yew`);
  await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor({ timeout: 30_000 });
  const firstHit = (await seen('.hit')).epoch;
  // Once it has answered, it asks for the manifest (a new index?), and the service
  // worker for index.html (a new app?).
  const asked = () => site.log.slice(logged).map((r) => r.path);
  for (let i = 0; i < 100 && !(asked().includes('/data/manifest.json') && asked().includes('/')); i++) await page.waitForTimeout(100);
  assert.deepEqual(site.log.slice(logged).filter((r) => r.at <= firstHit).map((r) => r.path), [],
    'nothing is asked of the network before the first answer');
  assert.ok(asked().includes('/data/manifest.json'), `the manifest is asked after the answer: ${asked().join()}`);
  assert.ok(asked().includes('/'), `index.html is asked after the answer: ${asked().join()}`);

  // A new app is published. The next visit still runs the saved one and saves the new
  // one; the visit after runs the new one.
  const html = path.join(dir, 'index.html');
  fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('<title>', '<meta name="twir-build" content="next"><title>'));
  for (const f of [`${html}.br`, `${html}.gz`]) fs.rmSync(f, { force: true });
  const newShell = () => page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const saved = name.startsWith('twir-shell-') && await (await caches.open(name)).match('./');
      if (saved && (await saved.text()).includes('twir-build')) return true;
    }
    return false;
  });
  await page.reload();
  await page.locator('.hit').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('meta[name="twir-build"]').count(), 0, 'the saved app answers this visit');
  for (let i = 0; i < 100 && !(await newShell()); i++) await page.waitForTimeout(100);
  assert.ok(await newShell(), 'the new index.html is saved');
  await page.reload();
  await page.locator('.hit').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('meta[name="twir-build"]').count(), 1, 'the new app answers the visit after');
  await context.close();
  stop(site);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a new weekly index is noticed, verified, switched to and the old one freed; a broken one is not', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-update-'));
  const archive = path.join(dir, 'archive');
  fs.mkdirSync(archive);
  // The archive as it was the week before: without its newest issue.
  const newest = fs.readdirSync(ARCHIVE).filter((f) => /^\d{4}-\d\d-\d\d-this-week-in-rust\.md$/.test(f)).sort().pop();
  for (const f of fs.readdirSync(ARCHIVE)) if (f !== newest) fs.symlinkSync(path.join(ARCHIVE, f), path.join(archive, f));
  const siteDir = path.join(dir, 'site');
  fs.cpSync(DIST, siteDir, { recursive: true });
  fs.rmSync(path.join(siteDir, 'data'), { recursive: true });
  const built = spawnSync(path.join(ROOT, 'target/release/index-builder'),
    ['build', '--archive', archive, '--out', path.join(siteDir, 'data')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  let failBundle = false;
  const site = await serve(siteDir, { failBundle: () => failBundle });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByText(/Index of issues up to 643/).waitFor({ timeout: 60_000 });
  const oldSegments = await waitUntilSavedForOffline(page, path.join(siteDir, 'data'));

  // Publish the next week's build, but its download breaks: the old index keeps working.
  fs.rmSync(path.join(siteDir, 'data'), { recursive: true });
  fs.cpSync(path.join(DIST, 'data'), path.join(siteDir, 'data'), { recursive: true });
  failBundle = true;
  await page.reload();
  await page.getByText(/A newer index could not be loaded .*still searching issues up to 643/).waitFor({ timeout: 30_000 });
  await page.getByRole('searchbox').fill('yew');
  await page.locator('.hit').filter({ hasText: 'Issue 215' }).first().waitFor();

  // It downloads now: the app moves to it, says so, and frees the old segment. Only the
  // segment the new issue changed crosses the network; the others come from the cache.
  failBundle = false;
  const newSegments = segmentsOf(path.join(siteDir, 'data'));
  const changed = newSegments.filter((s) => !oldSegments.includes(s));
  assert.equal(changed.length, 1, `one segment changed: ${changed.join()}`);
  const asked = site.requests.length;
  await page.reload();
  await page.getByText('Issue 644 added: the index is up to date.').waitFor({ timeout: 60_000 });
  await page.getByText(/Index of issues up to 644/).waitFor();
  await waitUntilSavedForOffline(page, path.join(siteDir, 'data'));
  const downloaded = site.requests.slice(asked).filter((p) => /\.bin$/.test(p)).map((p) => path.basename(p));
  assert.deepEqual(downloaded, changed, 'only the changed segment is downloaded');

  // And offline afterwards it is the new index that answers.
  stop(site);
  await context.setOffline(true);
  await page.goto(`${site.url}?q=noq`);
  await page.getByText(/Offline: .*issues up to 644/).waitFor({ timeout: 30_000 });
  await page.locator('.hit').filter({ hasText: 'Issue 644' }).first().waitFor();
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('built for the sub-path /search/ and served there, it works online and offline', async () => {
  const site = await serve(DIST_SEARCH, { prefix: '/search/' });
  assert.match(site.url, /\/search\/$/);
  const html = fs.readFileSync(path.join(DIST_SEARCH, 'index.html'), 'utf8');
  assert.match(html, /src="\/search\/twir-search-|'\/search\/twir-search-/);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.getByText(/Index of issues up to 644/).waitFor({ timeout: 60_000 });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.match(scope, /\/search\/$/);
  await searchFilterAndOpenIssue(page, site.url);
  assert.ok(page.url().startsWith(site.url), page.url());
  await waitUntilSavedForOffline(page);
  stop(site);
  await context.setOffline(true);
  await searchFilterAndOpenIssue(page, site.url);
  await context.close();
});
