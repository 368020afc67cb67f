// The search inside the newsletter's real site: `make twir-site` builds ../shared's copy of
// this-week-in-rust.org with integrations/twir-site/search.patch applied, by Pelican, from
// the archive, with the app and its index under /search/. Served on 127.0.0.1, with the
// theme's CDN requests failing as they do here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, screenshotPath } from './browser.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const OUTPUT = path.join(ROOT, '.cache/twir-site/output');
const SITE = path.join(ROOT, '.cache/twir-site');
const PYTHON = path.join(ROOT, '.cache/twir-site-venv/bin/python');
const ISSUE_215 = 'blog/2018/01/02/this-week-in-rust-215/';
let browser;
let site;

before(async () => {
  if (!fs.existsSync(path.join(OUTPUT, 'search/index.html'))) {
    throw new Error(`${OUTPUT}/search is missing: run make twir-site`);
  }
  browser = await launch();
  site = await serve(OUTPUT);
});

after(async () => {
  await browser?.close();
  site?.server.closeAllConnections();
  site?.server.close();
});

/// A browser context in which the theme's CDN (Bootstrap, the Rust favicons) cannot be
/// reached, as on this machine: the request fails at once instead of waiting.
async function offTheInternet(options = {}) {
  const context = await browser.newContext(options);
  await context.route((url) => !url.href.startsWith(site.url), (route) => route.abort());
  return context;
}

/// What a page asked the server for while `run` ran.
async function requestsDuring(run) {
  const from = site.requests.length;
  await run();
  return site.requests.slice(from);
}

test('the front page and an issue page fetch nothing of the search', async () => {
  const context = await offTheInternet();
  const page = await context.newPage();
  const searchBytes = (paths) => paths.filter((p) => p.startsWith('/search/') || /\.(wasm|bin)$|sw\.js$|boot\.js$/.test(p));
  for (const at of ['', ISSUE_215]) {
    const asked = await requestsDuring(async () => {
      await page.goto(site.url + at, { waitUntil: 'load' });
      await page.waitForTimeout(500);
    });
    assert.ok(asked.length > 0);
    assert.deepEqual(searchBytes(asked), [], `${at || 'front page'} asked for ${asked.join(', ')}`);
    // Every page has the search box in its header.
    assert.equal(await page.getByRole('search').getByRole('searchbox', { name: 'Search the archive' }).count(), 1);
  }
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  await context.close();
});

test('/ on any page goes to the box; the form lands on /search/?q=yew with issue 215’s crate', async () => {
  const context = await offTheInternet();
  const page = await context.newPage();
  await page.goto(site.url + ISSUE_215);
  await page.keyboard.press('/');
  const box = page.locator('#site-search-q');
  assert.equal(await box.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.type('yew');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${site.url}search/?q=yew`);
  const hit = page.locator('.hit').filter({ hasText: /crate of the week/i }).filter({ hasText: 'Issue 215' }).first();
  await hit.waitFor({ timeout: 60_000 });
  // textContent: a hit (`content-visibility: auto`) has no rendered text, and so no
  // innerText, until the frame after it arrives.
  assert.match(await hit.textContent(), /yew/);
  // The app wears the site's look: its header links home, its stylesheet is applied.
  assert.equal(await page.locator('.twir-site-header a').getAttribute('href'), '/');
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
  assert.equal(accent, '#2a7ae2');
  await context.close();
});

test('a result’s issue link opens the issue’s page on this site, whose search link comes back filtered', async () => {
  const context = await offTheInternet();
  const page = await context.newPage();
  await page.goto(`${site.url}search/?q=${encodeURIComponent('kind:issue issue:215')}`);
  const title = page.locator('.hit a.hit-title').first();
  await title.waitFor({ timeout: 60_000 });
  assert.equal(await title.getAttribute('href'), `/${ISSUE_215}`);
  await title.click();
  await page.waitForURL(site.url + ISSUE_215);
  assert.match(await page.title(), /This Week in Rust 215/);
  // From the issue to search: filtered to that issue.
  await page.getByRole('link', { name: 'Search this issue' }).click();
  await page.waitForURL(`${site.url}search/?q=issue:215`);
  // Issue 215's links arrive with its era's segment, after the first answers.
  await page.waitForFunction(() => document.querySelectorAll('.hit').length > 5, null, { timeout: 60_000 });
  // textContent: hits out of view are not rendered (content-visibility), innerText is.
  const issues = await page.locator('.hit .hit-issue').allTextContents();
  assert.ok(issues.length > 5 && issues.every((t) => /^Issue 215\b/.test(t)), issues.join());
  // The in-app issue page's "Read it on the site" is this site's page too.
  await page.locator('.hit .hit-issue a').first().click();
  const original = page.getByRole('link', { name: 'Read it on the site' });
  assert.equal(await original.getAttribute('href'), `/${ISSUE_215}`);
  await context.close();
});

test('after one visit the search works offline under /search/', async () => {
  const context = await offTheInternet();
  const page = await context.newPage();
  await page.goto(`${site.url}search/`);
  const manifest = JSON.parse(fs.readFileSync(path.join(OUTPUT, 'search/data/manifest.json'), 'utf8'));
  const wanted = manifest.segments.map((s) => s.name).sort();
  // Saved means every segment and then the manifest, which the engine's worker writes
  // last, once the whole index opens: leaving before it leaves nothing usable offline.
  let saved = [];
  for (let i = 0; i < 150 && JSON.stringify(saved) !== JSON.stringify([...wanted, 'manifest.json']); i++) {
    await page.waitForTimeout(200);
    saved = await page.evaluate(async () => {
      if (!navigator.serviceWorker?.controller) return [];
      const keys = await (await caches.open('twir-data')).keys();
      const segments = keys.map((k) => k.url.match(/\/(index\.[0-9a-f]+\.bin)$/)?.[1]).filter(Boolean).sort();
      return keys.some((k) => k.url.endsWith('/data/manifest.json')) ? [...segments, 'manifest.json'] : segments;
    });
  }
  assert.deepEqual(saved, [...wanted, 'manifest.json']);
  assert.match(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), /\/search\/$/);
  await context.setOffline(true);
  await page.goto(`${site.url}search/?q=tokio`);
  await page.locator('.hit').first().waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.hit').first().textContent(), /tokio/i);
  await context.close();
});

test('front page and search page, light and dark, desktop and 360 px (screenshots)', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
      const context = await offTheInternet({ colorScheme, viewport });
      const page = await context.newPage();
      await page.goto(site.url);
      await page.screenshot({ path: screenshotPath(`twir-site-front-${colorScheme}-${name}`) });
      await page.goto(`${site.url}search/?q=yew`);
      await page.locator('.hit').first().waitFor({ timeout: 60_000 });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, colorScheme === 'dark' ? 'rgb(53, 53, 53)' : 'rgb(253, 253, 253)');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: ${overflow} px of horizontal scrolling`);
      await page.screenshot({ path: screenshotPath(`twir-site-search-${colorScheme}-${name}`) });
      await context.close();
    }
  }
});

test('a search that cannot be built stops the site build with an error', () => {
  // The plugin as Pelican calls it, with an index-builder that is not there and with
  // one that fails: both raise, and pelican exits non-zero on a raise.
  const script = `
import sys, types
sys.path.insert(0, 'plugins')
from twir_search.twir_search import build_search, SearchBuildError
for builder in ['/nonexistent/index-builder', 'false']:
    pelican = types.SimpleNamespace(
        settings={'PATH': 'content', 'THEME': 'themes/rusted', 'SITENAME': 'TWiR',
                  'TWIR_SEARCH_APP': sys.argv[1], 'TWIR_SEARCH_INDEX_BUILDER': builder},
        output_path=sys.argv[2])
    try:
        build_search(pelican)
        print('built with', builder)
    except SearchBuildError as e:
        print('refused:', e)
`;
  const out = fs.mkdtempSync(path.join(ROOT, '.cache/twir-site-fail-'));
  const run = spawnSync(PYTHON, ['-c', script, path.join(ROOT, 'dist-search'), out], { cwd: SITE, encoding: 'utf8' });
  fs.rmSync(out, { recursive: true, force: true });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').filter((l) => /^(refused|built)/.test(l));
  assert.equal(lines.length, 2, run.stdout);
  assert.match(lines[0], /^refused: twir_search: .*\/nonexistent\/index-builder build .* failed/);
  assert.match(lines[1], /^refused: twir_search: false build .* failed/);
});
