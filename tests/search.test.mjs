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
