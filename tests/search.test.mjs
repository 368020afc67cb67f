// End to end: the release build of the site, served on 127.0.0.1, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, screenshotPath } from './browser.mjs';

const DIST = path.resolve(new URL('../dist', import.meta.url).pathname);
let site, browser, failBundle = false;

before(async () => {
  site = await serve(DIST, { failBundle: () => failBundle });
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
  await page.goto(site.url);
  const box = page.getByRole('searchbox', { name: 'Search the archive' });
  // The box takes input before the index has arrived.
  await box.fill('yew');
  const hit = page.getByRole('listitem').filter({ hasText: 'Crate of the Week' }).filter({ hasText: 'Issue 215' });
  await hit.first().waitFor({ timeout: 60_000 });
  assert.match(await hit.first().innerText(), /2018-01-02/);
  assert.equal(await page.locator('mark', { hasText: /yew/i }).first().isVisible(), true);
  assert.match(page.url(), /\?q=yew$/);
  await page.screenshot({ path: screenshotPath('search-yew-desktop'), fullPage: false });
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
  await page.close();
});

test('no horizontal scrolling on a 360 px wide phone', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${site.url}?q=tokio`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  await page.screenshot({ path: screenshotPath('search-tokio-phone') });
  await page.close();
});

test('clicking a facet filters the results and the URL; the chip removes it', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=parser`);
  const crates = page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: /^Crate of the Week \(\d+\)$/ }).first();
  await crates.waitFor({ timeout: 60_000 });
  const label = await crates.innerText();
  const count = Number(label.match(/\((\d+)\)/)[1]);
  await crates.click();
  await page.waitForURL(/q=parser\+kind%3Acrate/);
  await page.getByRole('status').filter({ hasText: `${count} results for parser kind:crate` }).waitFor();
  const kinds = await page.locator('.hit .kind').allInnerTexts();
  assert.ok(kinds.length > 0 && kinds.every((k) => /crate of the week/i.test(k)), kinds.join());
  assert.equal(await crates.getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Remove filter kind:crate' }).click();
  await page.waitForURL(/q=parser$/);
  await page.close();
});

test('keyboard only: / focuses the box, Esc clears it, Tab reaches a crate and Enter opens it', async () => {
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
  await page.keyboard.type('kind:crate yew ');
  await first.filter({ hasText: 'Issue 215' }).waitFor();
  // Tab from the box to the first result's link, as a keyboard user would.
  let focused = '';
  for (let i = 0; i < 40 && !/github\.com\/DenisKolodin\/yew/.test(focused); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.getAttribute('href') || '');
  }
  assert.match(focused, /github\.com\/DenisKolodin\/yew/);
  // Enter follows the link (the target is off this machine's network: catch the attempt).
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('DenisKolodin/yew'), { timeout: 10_000 }),
    page.keyboard.press('Enter'),
  ]);
  assert.match(request.url(), /github\.com\/DenisKolodin\/yew/);
  await page.close();
});

test('sort is kept in the URL and a shared URL restores it', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}?q=${encodeURIComponent('kind:crate')}&sort=oldest`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('#sort').inputValue(), 'oldest');
  const dates = await page.locator('.hit time').allInnerTexts();
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
