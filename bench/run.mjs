// `make bench`: how fast, how small, how light. Prints a table and writes
// bench/results.json. Figures only: nothing here fails on a threshold.
//
// Build: wall time (median of 5) and peak memory of index-builder over the archive
// (/usr/bin/time -v), and the weekly build: one new issue added, built into the folder
// of the week before, which reuses the unchanged segments. Size: every file of dist/
// raw, gzip, brotli, and what a first visit downloads before it can answer. Browser
// (headless Chromium, empty cache, CDP network profiles): first paint, search box
// ready, first results for each of COLD_QUERIES and the whole index searchable; a
// returning reader after a new issue (bytes the server sends) and a repeat visit;
// per-keystroke latency over 100+ queries typed character by character; main-thread
// long tasks over 10 cold loads (BENCH_LOADS), against the first view without its
// scripts; JS heap and wasm memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../tests/serve.mjs';
import { lighthouse } from './lighthouse.mjs';
import { launch, noteWhenSeen } from '../tests/browser.mjs';
import { answerPainted, median, round, stats, timed, PROFILES, WORDS, COLD_QUERIES, coldStart } from './measure.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const DIST = path.join(ROOT, 'dist');
const ARCHIVE = process.env.ARCHIVE || path.resolve(ROOT, '../shared/twir-archive/content');
const BUILDER = path.join(ROOT, 'target/release/index-builder');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const LOADS = Number(process.env.BENCH_LOADS || 10);

function timedBuild(archive) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-bench-'));
  try {
    return timed(BUILDER, ['build', '--archive', archive, '--out', out]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/// The archive as it was the week before (without its newest issue), as symlinks.
function weekBefore() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-week-'));
  const newest = fs.readdirSync(ARCHIVE).filter((f) => /^\d{4}-\d\d-\d\d-this-week-in-rust\.md$/.test(f)).sort().pop();
  for (const f of fs.readdirSync(ARCHIVE)) if (f !== newest) fs.symlinkSync(path.join(ARCHIVE, f), path.join(dir, f));
  return { dir, addNewest: () => fs.symlinkSync(path.join(ARCHIVE, newest), path.join(dir, newest)) };
}

function buildFigures() {
  const runs = Array.from({ length: RUNS }, () => timedBuild(ARCHIVE));
  // The weekly build: the week before's output folder, then one new issue built into it.
  const week = weekBefore();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-bench-'));
  const before = timed(BUILDER, ['build', '--archive', week.dir, '--out', out]);
  week.addNewest();
  const after = timed(BUILDER, ['build', '--archive', week.dir, '--out', out]);
  fs.rmSync(week.dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
  return {
    runs: RUNS,
    median_seconds: round(median(runs.map((r) => r.seconds)), 2),
    peak_memory_mb: round(Math.max(...runs.map((r) => r.peak_mb))),
    week_before_seconds: round(before.seconds, 2),
    weekly_build_seconds: round(after.seconds, 2),
  };
}

function sizeFigures() {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.(br|gz)$/.test(e.name) && e.name !== '_headers') {
        const raw = fs.readFileSync(p);
        const br = fs.existsSync(p + '.br') ? fs.statSync(p + '.br').size : zlib.brotliCompressSync(raw).length;
        const gz = fs.existsSync(p + '.gz') ? fs.statSync(p + '.gz').size : zlib.gzipSync(raw, { level: 9 }).length;
        files.push({ file: path.relative(DIST, p), raw: raw.length, gzip: gz, brotli: br });
      }
    }
  };
  walk(DIST);
  // Before the first answer: the page, its JS, wasm and CSS, boot.js, the manifest and
  // the first segment it names.
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'data/manifest.json'), 'utf8'));
  const first = `data/${manifest.segments[0].name}`;
  const firstVisit = files.filter((f) => (/^(index\.html|boot\.js|.*\.(js|wasm|css)|data\/manifest\.json)$/.test(f.file) && f.file !== 'sw.js') || f.file === first);
  const sum = (k, list) => list.reduce((a, f) => a + f[k], 0);
  const segments = files.filter((f) => /^data\/index\..*\.bin$/.test(f.file));
  return {
    files,
    first_visit: { files: firstVisit.map((f) => f.file), raw: sum('raw', firstVisit), gzip: sum('gzip', firstVisit), brotli: sum('brotli', firstVisit) },
    index_total_brotli: sum('brotli', segments),
    segments: manifest.segments.map((s) => ({ label: s.label, brotli: segments.find((f) => f.file === `data/${s.name}`)?.brotli })),
  };
}

const QUERIES = [
  ...WORDS, ...WORDS.map((w) => `${w} kind:crate`), ...WORDS.map((w) => `${w} year:2019..2021`),
  '"borrow checker"', 'asynk', 'tokoi', 'async -tokio', 'tokio OR actix', 'site:blog.rust-lang.org year:2015',
  'author:llogiq kind:quote', 'tag:video rust', 'issue:300', 'section:events berlin', 'rust',
];

/// Records every main-thread task over 50 ms (the Long Tasks API) from the start of the
/// page, in `window.__longTasks`.
function noteLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ at: Math.round(e.startTime), ms: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
}

/// Main-thread long tasks over `LOADS` cold loads (empty cache, no service worker), each
/// until the whole index is open; and, as the floor this machine sets, the same first
/// view with every script taken out (`index.html` and its stylesheet and icon only),
/// loaded as often, in turns: a task over 50 ms there is the browser's own (the first
/// style and layout on a busy two-core machine), not the app's.
async function loadingLongTasks(browser, url) {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-static-'));
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').replace(/<script\b[\s\S]*?<\/script>/g, '');
  fs.writeFileSync(path.join(staticDir, 'index.html'), html);
  for (const f of fs.readdirSync(DIST)) if (/^(styles|favicon)-.*\.(css|png)$/.test(f)) fs.copyFileSync(path.join(DIST, f), path.join(staticDir, f));
  const staticSite = await serve(staticDir);
  const load = async (at, ready) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(noteLongTasks);
    await page.goto(at);
    await ready(page);
    const tasks = await page.evaluate(() => window.__longTasks);
    await context.close();
    return tasks;
  };
  const app = [], floor = [];
  for (let i = 0; i < LOADS; i++) {
    app.push(await load(url, (page) => page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 120_000 })));
    // As long as the app's loads took, near enough: the first view is drawn by then.
    floor.push(await load(staticSite.url, (page) => page.waitForTimeout(1500)));
  }
  staticSite.server.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
  return { loads: LOADS, app, static_first_view: floor };
}

/// The typing run: every prefix of every query typed into the box, each timed from the
/// keystroke until the worker's answer is painted; and the main thread's long tasks,
/// while the index loads and over the whole run.
async function queryLatency(browser, url) {
  const page = await browser.newPage();
  await page.addInitScript(noteLongTasks);
  await page.goto(url);
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 120_000 });
  const whileLoading = await page.evaluate(() => window.__longTasks.splice(0));
  const engine = [], painted = [];
  let unchanged = 0;
  for (const q of QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      const typed = q.slice(0, i);
      const answer = await page.evaluate(answerPainted, typed);
      if (!answer.changed) { unchanged += 1; continue; }
      painted.push(answer.ms);
      // The worker's round trip, as the summary line says it.
      const ms = await page.evaluate(() => document.querySelector('.summary')?.textContent.match(/\(([\d.]+) ms\)/)?.[1]);
      if (ms !== undefined) engine.push(Number(ms));
    }
  }
  const whileTyping = await page.evaluate(() => window.__longTasks.splice(0));
  const memory = await page.evaluate(() => ({
    js_heap_mb: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null,
  }));
  await page.close();
  return {
    queries: QUERIES.length, keystrokes: painted.length + unchanged, unchanged,
    engine_ms: stats(engine), until_painted_ms: stats(painted), memory_after_queries: memory,
    // The first keystroke after the index opened: the one the worker's warm-up
    // (worker/src/host.rs) is for.
    first_keystroke_ms: painted[0],
    long_tasks: { while_loading: whileLoading, while_typing: whileTyping },
  };
}

/// A returning reader: one visit to last week's site (service worker on), then the site
/// with the new issue: the body bytes the server sends until the page has switched, and
/// a repeat visit after that (time to the first results, bytes sent).
async function returningReader(browser) {
  const week = weekBefore();
  const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-return-'));
  fs.cpSync(DIST, siteDir, { recursive: true });
  fs.rmSync(path.join(siteDir, 'data'), { recursive: true });
  timed(BUILDER, ['build', '--archive', week.dir, '--out', path.join(siteDir, 'data')]);
  const site = await serve(siteDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('p.status.ready').waitFor({ timeout: 120_000 });
  const saved = async () => page.evaluate(async () => Boolean(navigator.serviceWorker?.controller)
    && (await (await caches.open('twir-data')).match('data/manifest.json')) !== undefined);
  for (let i = 0; i < 300 && !(await saved()); i++) await page.waitForTimeout(100);
  fs.rmSync(path.join(siteDir, 'data'), { recursive: true });
  fs.cpSync(path.join(DIST, 'data'), path.join(siteDir, 'data'), { recursive: true });
  const before = site.sent();
  await page.reload();
  await page.getByText(/Issue \d+ added: the index is up to date/).waitFor({ timeout: 120_000 });
  const update = { bytes_sent: site.sent() - before };
  for (let i = 0; i < 300 && !(await saved()); i++) await page.waitForTimeout(100);
  // The repeat visit: when the first hit is painted, and what reached the server before
  // it (the update check the app makes once it has answered comes after).
  const seen = await noteWhenSeen(page, ['.hit']);
  const logged = site.log.length;
  const t0 = Date.now();
  await page.goto(`${site.url}?q=yew`);
  await page.locator('.hit').first().waitFor({ timeout: 60_000 });
  const firstHit = (await seen('.hit')).epoch;
  await page.waitForTimeout(2000);
  const visit = site.log.slice(logged);
  const early = visit.filter((r) => r.at <= firstHit);
  const repeat = {
    first_results_ms: round(firstHit - t0, 0),
    bytes_before_first_results: early.reduce((n, r) => n + r.bytes, 0),
    requests_before_first_results: early.map((r) => r.path),
    bytes_sent: visit.reduce((n, r) => n + r.bytes, 0),
    requests: visit.map((r) => r.path),
  };
  await context.close();
  site.server.close();
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.rmSync(week.dir, { recursive: true, force: true });
  return { after_new_issue: update, repeat_visit: repeat };
}

async function memoryAfterLoad(browser, url) {
  const page = await browser.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto(url);
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 120_000 });
  const m = await page.evaluate(() => ({
    js_heap_mb: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null,
    wasm_memory_mb: window.__wasm?.memory ? window.__wasm.memory.buffer.byteLength / 2 ** 20 : null,
  }));
  await page.close();
  return { js_heap_mb: round(m.js_heap_mb), wasm_memory_mb: round(m.wasm_memory_mb) };
}

const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${round(os.totalmem() / 2 ** 30, 0)} GB, ${os.type()} ${os.release()}`;
console.log(`# twir-search benchmark, ${new Date().toISOString().slice(0, 10)}, ${machine}`);
const results = { date: new Date().toISOString(), machine };
results.build = buildFigures();
console.log(`build: median ${results.build.median_seconds} s of ${RUNS}, peak ${results.build.peak_memory_mb} MB; week before ${results.build.week_before_seconds} s, weekly build (one new issue, unchanged segments reused) ${results.build.weekly_build_seconds} s`);
results.size = sizeFigures();
console.log('\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
for (const f of results.size.files) console.log(`| ${f.file} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
const fv = results.size.first_visit;
console.log(`| **first visit, before the first answer** | ${fv.raw} | ${fv.gzip} | ${fv.brotli} |`);
console.log(`index: ${results.size.segments.length} segments, ${results.size.index_total_brotli} bytes brotli in all: ${results.size.segments.map((s) => `${s.label} ${s.brotli}`).join(', ')}`);
const site = await serve(DIST);
const browser = await launch();
// The segments after the first arrive in the background: the first answer does not wait
// for them, though they may have begun by then.
const laterNames = JSON.parse(fs.readFileSync(path.join(DIST, 'data/manifest.json'), 'utf8')).segments.slice(1).map((s) => s.name);
const laterSegment = (url) => laterNames.some((name) => url.endsWith(`/data/${name}`));
results.cold_start = [];
for (const profile of PROFILES) {
  const runs = [];
  for (const query of COLD_QUERIES) {
    runs.push(await coldStart(browser, { url: site.url, box: '#q', result: '.hit', query, profile, complete: query === 'yew' ? 'p.status.ready' : undefined, background: laterSegment }));
  }
  const yew = runs.find((r) => r.query === 'yew');
  results.cold_start.push({
    profile: profile.name,
    first_paint_ms: median(runs.map((r) => r.first_paint_ms)),
    search_box_ms: median(runs.map((r) => r.search_box_ms)),
    first_results_ms: { median: median(runs.map((r) => r.first_results_ms)), max: Math.max(...runs.map((r) => r.first_results_ms)) },
    bytes_before_first_results: { median: median(runs.map((r) => r.bytes_before_first_results)), max: Math.max(...runs.map((r) => r.bytes_before_first_results)) },
    bytes_the_first_results_need: { median: median(runs.map((r) => r.bytes_the_first_results_need)), max: Math.max(...runs.map((r) => r.bytes_the_first_results_need)) },
    whole_index_ms: yew.whole_index_ms,
    runs,
  });
}
console.log(`\ncold start over ${COLD_QUERIES.length} queries typed on an empty page (${COLD_QUERIES.join(', ')}):`);
console.log('| network | first paint (ms) | search box (ms) | first results, median / max (ms) | bytes the first results need, median / max | bytes over the wire by then (later segments begun), median / max | whole index searchable (ms) |\n|---|---:|---:|---:|---:|---:|---:|');
for (const c of results.cold_start) console.log(`| ${c.profile} | ${c.first_paint_ms} | ${c.search_box_ms} | ${c.first_results_ms.median} / ${c.first_results_ms.max} | ${c.bytes_the_first_results_need.median} / ${c.bytes_the_first_results_need.max} | ${c.bytes_before_first_results.median} / ${c.bytes_before_first_results.max} | ${c.whole_index_ms} |`);
for (const r of results.cold_start[1].runs) console.log(`  9 Mbps: ${r.query}: ${r.first_results_ms} ms, ${r.bytes_before_first_results} bytes, first hits from issues ${r.first_result_issues.join(', ')}`);
results.returning = await returningReader(browser);
console.log(`returning reader after a new issue: ${results.returning.after_new_issue.bytes_sent} bytes sent; repeat visit: first results after ${results.returning.repeat_visit.first_results_ms} ms, ${results.returning.repeat_visit.bytes_before_first_results} bytes sent before them (${results.returning.repeat_visit.requests_before_first_results.join(', ') || 'no request'}), ${results.returning.repeat_visit.bytes_sent} in the whole visit (${results.returning.repeat_visit.requests.join(', ')}) (loopback)`);
results.memory_after_load = await memoryAfterLoad(browser, site.url);
results.queries = await queryLatency(browser, site.url);
const q = results.queries;
console.log(`\n${q.queries} queries, ${q.keystrokes} keystrokes (${q.unchanged} left the page as it was): answered by the worker (round trip) median ${q.engine_ms.median} ms, p95 ${q.engine_ms.p95}, max ${q.engine_ms.max}; keystroke until painted median ${q.until_painted_ms.median} ms, p95 ${q.until_painted_ms.p95}, max ${q.until_painted_ms.max}; the first keystroke after the index opened ${round(q.first_keystroke_ms)} ms`);
const lt = q.long_tasks;
console.log(`main-thread tasks over 50 ms: ${lt.while_loading.length} while the index loaded${lt.while_loading.length ? ` (${lt.while_loading.map((t) => `${t.ms} ms at ${t.at}`).join(', ')})` : ''}, ${lt.while_typing.length} over the typing run${lt.while_typing.length ? ` (${lt.while_typing.map((t) => `${t.ms} ms`).join(', ')})` : ''}`);
results.loading_long_tasks = await loadingLongTasks(browser, site.url);
const said = (loads) => {
  const hit = loads.filter((tasks) => tasks.length);
  return `${hit.length} of ${loads.length}${hit.length ? ` (${hit.map((tasks) => tasks.map((t) => `${t.ms} ms at ${t.at}`).join(' and ')).join('; ')})` : ''}`;
};
console.log(`cold loads with a main-thread task over 50 ms before the whole index was open: ${said(results.loading_long_tasks.app)}; the first view without its scripts, in turns: ${said(results.loading_long_tasks.static_first_view)}`);
console.log(`memory after load: JS heap ${results.memory_after_load.js_heap_mb} MB, wasm ${results.memory_after_load.wasm_memory_mb} MB; JS heap after the queries ${round(q.memory_after_queries.js_heap_mb)} MB`);
await browser.close();
results.lighthouse = [await lighthouse(site.url, 'mobile'), await lighthouse(site.url, 'desktop')];
console.log('\nLighthouse 12.2.3:\n| profile | performance | accessibility | best practices | SEO | FCP (ms) | LCP (ms) | TBT (ms) | CLS | long tasks (ms) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const l of results.lighthouse) {
  console.log(`| ${l.profile} | ${l.performance} | ${l.accessibility} | ${l['best-practices']} | ${l.seo} | ${l.first_contentful_paint_ms} | ${l.largest_contentful_paint_ms} | ${l.total_blocking_time_ms} | ${l.cumulative_layout_shift} | ${l.long_tasks.join(', ') || 'none'} |`);
}
site.server.close();
fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 1));
console.log('\nwritten: bench/results.json');
