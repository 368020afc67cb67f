// `make bench`: how fast, how small, how light. Prints a table and writes
// bench/results.json. Figures only: nothing here fails on a threshold.
//
// Build: wall time (median of 5) and peak memory of index-builder over the archive
// (/usr/bin/time -v), and the build after one new issue (the builder is not
// incremental: it is a whole build of one more issue). Size: every file of dist/ raw,
// gzip, brotli, and what a first visit downloads before it can answer. Browser
// (headless Chromium, empty cache, CDP network profiles): first paint, search box
// ready, first results; per-keystroke latency over 100+ queries typed character by
// character; JS heap and wasm memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../tests/serve.mjs';
import { launch } from '../tests/browser.mjs';
import { median, round, stats, timed, PROFILES, WORDS, coldStart } from './measure.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const DIST = path.join(ROOT, 'dist');
const ARCHIVE = process.env.ARCHIVE || path.resolve(ROOT, '../shared/twir-archive/content');
const BUILDER = path.join(ROOT, 'target/release/index-builder');
const RUNS = Number(process.env.BENCH_RUNS || 5);

function timedBuild(archive) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-bench-'));
  try {
    return timed(BUILDER, ['build', '--archive', archive, '--out', out]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function buildFigures() {
  const runs = Array.from({ length: RUNS }, () => timedBuild(ARCHIVE));
  // The week before: the archive without its newest issue; then "one new issue added".
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-week-'));
  const newest = fs.readdirSync(ARCHIVE).filter((f) => /^\d{4}-\d\d-\d\d-this-week-in-rust\.md$/.test(f)).sort().pop();
  for (const f of fs.readdirSync(ARCHIVE)) if (f !== newest) fs.symlinkSync(path.join(ARCHIVE, f), path.join(dir, f));
  const before = timedBuild(dir);
  fs.symlinkSync(path.join(ARCHIVE, newest), path.join(dir, newest));
  const after = timedBuild(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    runs: RUNS,
    median_seconds: round(median(runs.map((r) => r.seconds)), 2),
    peak_memory_mb: round(Math.max(...runs.map((r) => r.peak_mb))),
    week_before_seconds: round(before.seconds, 2),
    with_one_new_issue_seconds: round(after.seconds, 2),
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
  // Before the first answer: the page, its JS, wasm and CSS, boot.js, the manifest, the bundle.
  const firstVisit = files.filter((f) => /^(index\.html|boot\.js|.*\.(js|wasm|css)|data\/manifest\.json|data\/index\..*\.bin)$/.test(f.file) && f.file !== 'sw.js');
  const sum = (k) => firstVisit.reduce((a, f) => a + f[k], 0);
  return { files, first_visit: { files: firstVisit.map((f) => f.file), raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') } };
}

const QUERIES = [
  ...WORDS, ...WORDS.map((w) => `${w} kind:crate`), ...WORDS.map((w) => `${w} year:2019..2021`),
  '"borrow checker"', 'asynk', 'tokoi', 'async -tokio', 'tokio OR actix', 'site:blog.rust-lang.org year:2015',
  'author:llogiq kind:quote', 'tag:video rust', 'issue:300', 'section:events berlin', 'rust',
];

async function queryLatency(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 120_000 });
  const engine = [], painted = [];
  for (const q of QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      const typed = q.slice(0, i);
      const r = await page.evaluate(async (text) => {
        const box = document.getElementById('q');
        const t0 = performance.now();
        box.value = text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        const t1 = performance.now();
        const m = document.querySelector('.summary')?.textContent.match(/\(([\d.]+) ms\)/);
        return { paint: t1 - t0, engine: m ? Number(m[1]) : null };
      }, typed);
      painted.push(r.paint);
      if (r.engine !== null) engine.push(r.engine);
    }
  }
  const memory = await page.evaluate(() => ({
    js_heap_mb: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null,
  }));
  await page.close();
  return { queries: QUERIES.length, keystrokes: painted.length, engine_ms: stats(engine), until_painted_ms: stats(painted), memory_after_queries: memory };
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
console.log(`build: median ${results.build.median_seconds} s of ${RUNS}, peak ${results.build.peak_memory_mb} MB; week before ${results.build.week_before_seconds} s, with one new issue ${results.build.with_one_new_issue_seconds} s`);
results.size = sizeFigures();
console.log('\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
for (const f of results.size.files) console.log(`| ${f.file} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
const fv = results.size.first_visit;
console.log(`| **first visit, before the first answer** | ${fv.raw} | ${fv.gzip} | ${fv.brotli} |`);
const site = await serve(DIST);
const browser = await launch();
results.cold_start = [];
for (const profile of PROFILES) {
  results.cold_start.push(await coldStart(browser, { url: site.url, box: '#q', result: '.hit', query: 'yew', profile }));
}
console.log('\n| network | first paint (ms) | search box (ms) | first results (ms) | bytes before results |\n|---|---:|---:|---:|---:|');
for (const c of results.cold_start) console.log(`| ${c.profile} | ${c.first_paint_ms} | ${c.search_box_ms} | ${c.first_results_ms} | ${c.bytes_before_first_results} |`);
results.memory_after_load = await memoryAfterLoad(browser, site.url);
results.queries = await queryLatency(browser, site.url);
const q = results.queries;
console.log(`\n${q.queries} queries, ${q.keystrokes} keystrokes: engine median ${q.engine_ms.median} ms, p95 ${q.engine_ms.p95}, max ${q.engine_ms.max}; until painted median ${q.until_painted_ms.median} ms, p95 ${q.until_painted_ms.p95}, max ${q.until_painted_ms.max}`);
console.log(`memory after load: JS heap ${results.memory_after_load.js_heap_mb} MB, wasm ${results.memory_after_load.wasm_memory_mb} MB; JS heap after the queries ${round(q.memory_after_queries.js_heap_mb)} MB`);
await browser.close();
site.server.close();
fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 1));
console.log('\nwritten: bench/results.json');
