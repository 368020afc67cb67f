// Cold starts as bench-compare takes them (loopback, cache off, no service worker,
// Playwright types `yew` once it has found the box), without a trace's overhead: when
// each file was asked for and arrived, in the page and in the engine's worker, the
// worker's marks (worker/src/timing.rs), when the query was typed and the first hit
// seen, all in ms from the page's navigation start. Given several built sites, takes
// their cold starts in turns, so that they can be compared on this noisy machine.
// `node tools/cold_start_timeline.mjs RUNS DIR [DIR...]`: the medians per site.
import path from 'node:path';
import { launch, noteWhenSeen } from '../tests/browser.mjs';
import { serve } from '../tests/serve.mjs';
import { throttledPage, PROFILES, median } from '../bench/measure.mjs';

const runs = Number(process.argv[2] || 9);
const dirs = process.argv.slice(3).map((d) => path.resolve(d));
if (!dirs.length) dirs.push(path.resolve('dist'));
const sites = [];
for (const dir of dirs) sites.push({ dir, site: await serve(dir), rows: new Map() });
const browser = await launch();
const timings = (origin) => performance.getEntriesByType('resource').map((r) => ({
  name: r.name.replace(/^.*\//, '').replace(/-[0-9a-f]{12,}/, '').replace(/index\.[0-9a-f]+\.bin/, 'segment'),
  at: r.responseEnd + performance.timeOrigin - origin,
})).concat(performance.getEntriesByType('mark').map((m) => ({ name: `mark ${m.name}`, at: m.startTime + performance.timeOrigin - origin })));
for (let run = 0; run < runs; run++) {
  for (const { site, rows } of sites) {
    const keep = (key, v) => { if (!rows.has(key)) rows.set(key, []); rows.get(key).push(v); };
    const { context, page } = await throttledPage(browser, PROFILES[Number(process.env.PROFILE || 0)]);
    const noted = await noteWhenSeen(page, ['#q', '.hit']);
    await page.addInitScript(() => document.addEventListener('input', () => { window.__typed ??= performance.now(); }, true));
    await page.goto(site.url, { waitUntil: 'commit' });
    await page.waitForSelector('#q');
    await page.fill('#q', 'yew');
    await page.locator('.hit').first().waitFor();
    keep('hit', (await noted('.hit')).ms);
    keep('typed', await page.evaluate(() => window.__typed));
    const origin = await page.evaluate(() => performance.timeOrigin);
    const seen = new Set();
    const entries = await page.evaluate(timings, origin);
    for (const worker of page.workers()) entries.push(...(await worker.evaluate(timings, origin)).map((e) => ({ ...e, name: `worker ${e.name}` })));
    for (const e of entries) if (!seen.has(e.name)) { seen.add(e.name); keep(e.name, e.at); }
    if (process.env.SHOW) {
      const all = [...entries, { name: 'typed', at: rows.get('typed').at(-1) }, { name: 'hit', at: rows.get('hit').at(-1) }];
      console.log(all.filter((e) => !/segment$/.test(e.name)).sort((a, b) => a.at - b.at).map((e) => `${e.name} ${e.at.toFixed(0)}`).join(', '));
    }
    await context.close();
  }
}
await browser.close();
for (const { dir, site, rows } of sites) {
  site.server.close();
  console.log(`${dir}: medians of ${runs} cold starts (ms from navigation start; files: when they had arrived)`);
  const hit = rows.get('hit');
  console.log(`  first hit: ${median(hit).toFixed(0)} (${hit.map((v) => v.toFixed(0)).join(' ')})`);
  for (const [key, v] of [...rows].sort((a, b) => median(a[1]) - median(b[1]))) {
    if (v.length >= runs / 2) console.log(`  ${median(v).toFixed(0).padStart(5)}  ${key}`);
  }
}
