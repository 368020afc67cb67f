// `make bench-compare`: twir-search against Pagefind, what a static site would use
// instead, on the same archive, in the same Chromium run, with the same queries.
// Writes bench/compare.md (and bench/compare.json) and prints the tables. Figures only:
// nothing here fails on a threshold.
//
// Pagefind gets the archive as the site renders it: one HTML page per issue
// (`index-builder render-pages`), with the attributes a site adopting Pagefind would add
// (the issue, date and title as metadata, the year as a filter), indexed by the npm
// package's own binary, served with its default UI on a search page. Its text assets are
// brotli-compressed as `make dist` compresses ours; its index files come gzipped from
// Pagefind and are served as they are.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../tests/serve.mjs';
import { launch } from '../tests/browser.mjs';
import { answerPainted, median, round, stats, timed, PROFILES, WORDS, coldStart, throttledPage } from './measure.mjs';
import { CHECKS, normalise } from './checks.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const DIST = path.join(ROOT, 'dist');
const ARCHIVE = process.env.ARCHIVE || path.resolve(ROOT, '../shared/twir-archive/content');
const BUILDER = path.join(ROOT, 'target/release/index-builder');
const PAGEFIND = path.join(ROOT, 'node_modules/.bin/pagefind');
const WORK = path.join(ROOT, 'target/bench-compare');
const SITE = path.join(WORK, 'site');
const RUNS = Number(process.env.BENCH_RUNS || 3);
// Cold starts per side and network (the median is reported, with the range). 15, not 5:
// on a 2-core machine one loopback cold start ranges 0.3 to 0.7 s on either side, and
// medians of 5 of the same build moved 0.37 to 0.66 s between runs; 15 adds well under a
// minute to the whole run.
const COLD_RUNS = Number(process.env.COLD_RUNS || 15);
const FIRST_QUERY = 'yew';

// Every plain query both understand, then the checks' queries each search can be asked.
const QUERIES = [
  ...WORDS.map((w) => ({ ours: w, pagefind: { term: w } })),
  ...CHECKS.filter((c) => c.pagefind).map((c) => ({ ours: c.ours, pagefind: c.pagefind })),
];

const SEARCH_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search · This Week in Rust</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
</head>
<body>
<div id="search"></div>
<script>
  // The default UI, sub-results shown; no debounce, so the time measured is Pagefind's.
  addEventListener('DOMContentLoaded', () => {
    new PagefindUI({ element: '#search', showSubResults: true, debounceTimeoutMs: 0 });
  });
</script>
</body>
</html>
`;

function buildFigures() {
  const ours = [];
  const pagefind = [];
  for (let i = 0; i < RUNS; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'twir-compare-'));
    ours.push(timed(BUILDER, ['build', '--archive', ARCHIVE, '--out', out]));
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(SITE, { recursive: true, force: true });
    const render = timed(BUILDER, ['render-pages', '--archive', ARCHIVE, '--out', SITE]);
    const index = timed(PAGEFIND, ['--site', SITE, '--silent']);
    pagefind.push({ render, index, seconds: render.seconds + index.seconds, peak_mb: Math.max(render.peak_mb, index.peak_mb) });
  }
  const summary = (runs) => ({ median_seconds: round(median(runs.map((r) => r.seconds)), 2), peak_memory_mb: round(Math.max(...runs.map((r) => r.peak_mb))) });
  return {
    runs: RUNS,
    ours: summary(ours),
    pagefind: {
      ...summary(pagefind),
      render_pages_median_seconds: round(median(pagefind.map((r) => r.render.seconds)), 2),
      pagefind_median_seconds: round(median(pagefind.map((r) => r.index.seconds)), 2),
    },
  };
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

// The search page, and .br/.gz beside Pagefind's text assets (its index files are
// gzipped already: they start with the gzip magic bytes).
function finishPagefindSite() {
  fs.mkdirSync(path.join(SITE, 'search'), { recursive: true });
  fs.writeFileSync(path.join(SITE, 'search/index.html'), SEARCH_PAGE);
  for (const file of [...walk(path.join(SITE, 'pagefind')), path.join(SITE, 'search/index.html')]) {
    const bytes = fs.readFileSync(file);
    if (!/\.(js|css|html|json)$/.test(file) || (bytes[0] === 0x1f && bytes[1] === 0x8b)) continue;
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  }
}

// The search files as a host serves them: the .br copy where there is one.
function servedSize(dir, test = () => true) {
  const files = walk(dir).filter((f) => !/\.(br|gz)$/.test(f) && test(f));
  const bytes = files.reduce((sum, f) => sum + fs.statSync(fs.existsSync(`${f}.br`) ? `${f}.br` : f).size, 0);
  return { files: files.length, bytes };
}

async function ourReadyPage(browser, url, profile) {
  const opened = await throttledPage(browser, profile);
  await opened.page.goto(url);
  await opened.page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 600_000 });
  return opened;
}

async function pagefindReadyPage(browser, url, profile) {
  const opened = await throttledPage(browser, profile);
  await opened.page.goto(`${url}search/`);
  await opened.page.waitForSelector('.pagefind-ui__search-input', { timeout: 600_000 });
  // The module the default UI loads: one instance per page, so chunks it fetched stay.
  await opened.page.evaluate(async () => {
    window.pagefind = await import('/pagefind/pagefind.js');
    await window.pagefind.init();
  });
  return opened;
}

// Our query typed whole into the box: time until the results are painted, and the answers.
async function askOurs(page, query) {
  const { ms } = await page.evaluate(answerPainted, query);
  return page.evaluate((ms) => {
    const total = Number(document.querySelector('.summary')?.textContent.match(/([\d,]+) results?/)?.[1].replace(/,/g, '') || 0);
    const answers = [...document.querySelectorAll('.hit')].slice(0, 10).map((h) => ({
      issue: Number(h.querySelector('.hit-issue')?.textContent.match(/\d+/)?.[0]),
      date: h.querySelector('time')?.getAttribute('datetime') || '',
      section: h.querySelector('.hit-section')?.textContent || '',
      text: h.textContent,
    }));
    return { ms, total, answers };
  }, ms);
}

// Pagefind asked through its JS API: time until the first ten pages' data (excerpt,
// sub-results) are there, which is what its UI waits for before showing them.
async function askPagefind(page, { term, filters = {} }) {
  return page.evaluate(async ({ term, filters }) => {
    const t0 = performance.now();
    const search = await window.pagefind.search(term, { filters });
    const pages = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    const ms = performance.now() - t0;
    const strip = (html) => html.replace(/<[^>]*>/g, '');
    // The sections its default UI nests under a page: without the page's own top, the
    // three with the most matches, in page order; the page itself when there are none.
    const shown = (p) => {
      const subs = (p.sub_results || []).filter((s, i) => !(i === 0 && s.url === (p.meta.url || p.url)));
      const best = [...subs].sort((a, b) => b.locations.length - a.locations.length).slice(0, 3);
      const nested = subs.filter((s) => best.includes(s));
      return nested.length ? nested : [{ title: '', excerpt: p.excerpt }];
    };
    const answers = pages.flatMap((p) => shown(p).map((s) => ({
      issue: Number(p.meta.issue),
      date: p.meta.date || '',
      section: s.title || '',
      text: `${p.meta.title} ${strip(s.excerpt || '')}`,
    }))).slice(0, 10);
    return { ms, total: search.results.length, answers };
  }, { term, filters });
}

async function queryLatency(browser, urls, profile) {
  const ours = await ourReadyPage(browser, urls.ours, profile);
  const pf = await pagefindReadyPage(browser, urls.pagefind, profile);
  const oursMs = [];
  const pfMs = [];
  for (const q of QUERIES) {
    oursMs.push((await askOurs(ours.page, q.ours)).ms);
    pfMs.push((await askPagefind(pf.page, q.pagefind)).ms);
  }
  await ours.context.close();
  await pf.context.close();
  return { profile: profile.name, queries: QUERIES.length, ours_ms: stats(oursMs), pagefind_ms: stats(pfMs) };
}

async function checks(browser, urls) {
  const loopback = PROFILES[0];
  const ours = await ourReadyPage(browser, urls.ours, loopback);
  const pf = await pagefindReadyPage(browser, urls.pagefind, loopback);
  const out = [];
  for (const c of CHECKS) {
    const norm = (r) => ({ ...r, answers: r.answers.map((a) => ({ ...a, text: normalise(a.text) })) });
    const o = norm(await askOurs(ours.page, c.ours));
    const p = c.pagefind ? norm(await askPagefind(pf.page, c.pagefind)) : null;
    out.push({
      kind: c.kind, ours_query: c.ours, pagefind_query: c.pagefind, expect: c.expect,
      ours: { found: o.total, passed: c.pass(o.answers), first: o.answers.slice(0, 5) },
      pagefind: p ? { found: p.total, passed: c.pass(p.answers), first: p.answers.slice(0, 5) } : null,
    });
  }
  await ours.context.close();
  await pf.context.close();
  return out;
}

const kb = (b) => `${round(b / 1000, 0).toLocaleString('en')} KB`;
const mb = (b) => `${round(b / 1e6, 2)} MB`;
const s = (ms) => `${round(ms / 1000, 2)} s`;
const pagefindQuery = (q) => (q ? `\`${q.term}\`${Object.entries(q.filters || {}).map(([k, v]) => ` + filter ${k}=${v}`).join('')}` : 'cannot be asked');
const verdict = (r) => (r ? `${r.passed ? 'yes' : 'no'} (${r.found} found)` : 'no');

function report(r) {
  const lines = [];
  const say = (l = '') => lines.push(l);
  say('# twir-search against Pagefind');
  say();
  say(`Measured ${r.date.slice(0, 10)} by \`make bench-compare\` on ${r.machine}; ${r.browser}; Pagefind ${r.pagefind_version}; the archive in \`../shared\` (${r.pages} issues, one page each). Both sites served by the same local server (\`tests/serve.mjs\`) in the same Chromium run; network profiles set through CDP, cache off, no service worker.`);
  say();
  say('## Build and size');
  say();
  say('| | twir-search | Pagefind |');
  say('|---|---:|---:|');
  say(`| build, median of ${r.build.runs} | ${r.build.ours.median_seconds} s (\`index-builder build\`) | ${r.build.pagefind.median_seconds} s (pages ${r.build.pagefind.render_pages_median_seconds} s + \`pagefind\` ${r.build.pagefind.pagefind_median_seconds} s) |`);
  say(`| peak memory | ${r.build.ours.peak_memory_mb} MB | ${r.build.pagefind.peak_memory_mb} MB |`);
  say(`| search files as served | ${mb(r.size.ours.bytes)} in ${r.size.ours.files} files | ${mb(r.size.pagefind.bytes)} in ${r.size.pagefind.files} files |`);
  say();
  say(`## Cold start: empty cache, open the search page, type \`${FIRST_QUERY}\``);
  say();
  const runs = r.cold_start[0].ours.first_results_all_ms.length;
  say(`${runs} cold starts per side and network, taken in turns: the median, and in brackets the fastest and the slowest. Bytes: what the median run's first answer needs; for twir-search, in brackets, what had crossed the wire by then, with the later segments it begins while its wasm starts.`);
  say();
  say('| network | twir-search: first results | bytes, requests | Pagefind: first results | bytes, requests |');
  say('|---|---:|---:|---:|---:|');
  const spread = (c) => `${s(c.first_results_ms)} (${s(Math.min(...c.first_results_all_ms))}–${s(Math.max(...c.first_results_all_ms))})`;
  for (const c of r.cold_start) {
    say(`| ${c.profile} | ${spread(c.ours)} | ${kb(c.ours.bytes_the_first_results_need)} (${kb(c.ours.bytes_before_first_results)}), ${c.ours.requests_before_first_results} | ${spread(c.pagefind)} | ${kb(c.pagefind.bytes_before_first_results)}, ${c.pagefind.requests_before_first_results} |`);
  }
  say();
  const typed = r.cold_start.map((c) => `${c.profile} ${s(c.ours.typed_median_ms)} and ${s(c.pagefind.typed_median_ms)}`).join('; ');
  say(`The results also wait for the query: Playwright types it once it has found the box, and its steps take turns on the page's thread while the page starts. It reached twir-search's page and Pagefind's (median) at: ${typed}.`);
  say();
  say(`## Per query, after the page has loaded (${r.latency[0].queries} queries, each asked once, in order)`);
  say();
  say('twir-search: from the input event until the results are painted. Pagefind: from `pagefind.search()` until the first ten pages\' data (excerpts, sub-results) have arrived, what its UI waits for; it fetches index chunks and fragments per query, so the network counts.');
  say();
  say('| network | twir-search median / p95 / max | Pagefind median / p95 / max |');
  say('|---|---:|---:|');
  for (const l of r.latency) say(`| ${l.profile} | ${l.ours_ms.median} / ${l.ours_ms.p95} / ${l.ours_ms.max} ms | ${l.pagefind_ms.median} / ${l.pagefind_ms.p95} / ${l.pagefind_ms.max} ms |`);
  say();
  say('## Does each query find what it should (`bench/checks.mjs`)');
  say();
  say('"found" counts records (links, crates, quotes, issues) for twir-search and pages (issues) for Pagefind. An answer is a line on the results screen: a record for twir-search, a section of a page as Pagefind\'s default UI nests them (up to three per page). The first five answers of each side are in `bench/compare.json`.');
  say();
  say('| kind | twir-search query | Pagefind asked | expected, in the first answers | twir-search | Pagefind |');
  say('|---|---|---|---|---|---|');
  for (const c of r.checks) say(`| ${c.kind} | \`${c.ours_query}\` | ${pagefindQuery(c.pagefind_query)} | ${c.expect} | ${verdict(c.ours)} | ${verdict(c.pagefind)} |`);
  const passed = (k) => r.checks.filter((c) => c[k]?.passed).length;
  say(`| | | | **passed** | **${passed('ours')} of ${r.checks.length}** | **${passed('pagefind')} of ${r.checks.length}** |`);
  say();
  const slow = r.cold_start[r.cold_start.length - 1];
  const slowLatency = r.latency[r.latency.length - 1];
  say('## Reading');
  say();
  say(`- Pagefind answers the first query sooner and with far less: ${kb(slow.pagefind.bytes_before_first_results)} instead of ${kb(slow.ours.bytes_the_first_results_need)} (${round(slow.ours.bytes_the_first_results_need / slow.pagefind.bytes_before_first_results, 0)}×), first results after ${s(slow.pagefind.first_results_ms)} instead of ${s(slow.ours.first_results_ms)} at ${slow.profile}. twir-search downloads its engine (the wasm) and the first segment of its index (crates and quotes of every closed year) before the first answer, the rest while the reader types; Pagefind fetches a small part of its index per word.`);
  say(`- After that, twir-search answers every query without the network: median ${slowLatency.ours_ms.median} ms at ${slowLatency.profile} against Pagefind's ${slowLatency.pagefind_ms.median} ms, which fetches index chunks and fragments for each new query. (twir-search's figure includes painting the results; Pagefind's stops when its data is there.)`);
  const nothing = r.checks.filter((c) => c.pagefind && c.pagefind.found === 0).map((c) => `\`${c.pagefind_query.term}\``);
  say(`- Typo-tolerant words, exact phrases in what is shown, and filters by kind, section, link host and quote author: twir-search passes ${passed('ours')} of ${r.checks.length} checks, Pagefind ${passed('pagefind')}. Pagefind found nothing at all for ${nothing.join(', ') || 'none of them'}; its results are pages, so it cannot be asked for crates, quotes or links to a host, and its nested sections mix what matched with what did not.`);
  say(`- Pagefind builds ${round(r.build.ours.median_seconds / r.build.pagefind.median_seconds, 0)}× faster (${r.build.pagefind.median_seconds} s against ${r.build.ours.median_seconds} s, most of ours being brotli at quality 11) and needs more memory (${r.build.pagefind.peak_memory_mb} MB against ${r.build.ours.peak_memory_mb} MB).`);
  say('- Not measured here: offline use. twir-search keeps working offline after one visit (its service worker and the verified index in Cache Storage); Pagefind has no offline mode of its own, and only what was fetched is in the HTTP cache.');
  say();
  return lines.join('\n');
}

const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${round(os.totalmem() / 2 ** 30, 0)} GB, ${os.type()} ${os.release()}`;
console.log(`# twir-search against Pagefind, ${new Date().toISOString().slice(0, 10)}, ${machine}`);
const results = { date: new Date().toISOString(), machine };
results.pagefind_version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/pagefind/package.json'), 'utf8')).version;
results.build = buildFigures();
finishPagefindSite();
results.pages = walk(path.join(SITE, 'blog')).filter((f) => f.endsWith('index.html')).length;
results.size = {
  ours: servedSize(path.join(DIST, 'data'), (f) => /\.bin$|manifest\.json$/.test(f)),
  pagefind: servedSize(path.join(SITE, 'pagefind')),
};
const ours = await serve(DIST);
const pagefind = await serve(SITE);
const urls = { ours: ours.url, pagefind: pagefind.url };
const browser = await launch();
// twir-search's segments after the first arrive in the background; the first answer
// does not wait for them, though they may have begun by then.
const laterNames = JSON.parse(fs.readFileSync(path.join(DIST, 'data/manifest.json'), 'utf8')).segments.slice(1).map((f) => f.name);
const laterSegment = (url) => laterNames.some((name) => url.endsWith(`/data/${name}`));
results.browser = `Chromium ${browser.version()} headless`;
results.cold_start = [];
// Several cold starts per side and network, taken in turns, and the median one kept:
// one cold start on this machine varies by ±15% (on loopback, 0.36 to 0.51 s).
const medianRun = (runs) => {
  const sorted = [...runs].sort((a, b) => a.first_results_ms - b.first_results_ms);
  const all = runs.map((r) => r.first_results_ms);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], first_results_all_ms: all, typed_median_ms: median(runs.map((r) => r.typed_ms)) };
};
for (const profile of PROFILES) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    ours.push(await coldStart(browser, { url: urls.ours, box: '#q', result: '.hit', query: FIRST_QUERY, profile, background: laterSegment }));
    theirs.push(await coldStart(browser, {
      url: `${urls.pagefind}search/`, box: '.pagefind-ui__search-input', result: '.pagefind-ui__result-link', query: FIRST_QUERY, profile,
    }));
  }
  results.cold_start.push({ profile: profile.name, ours: medianRun(ours), pagefind: medianRun(theirs) });
}
results.latency = [];
for (const profile of PROFILES) results.latency.push(await queryLatency(browser, urls, profile));
results.checks = await checks(browser, urls);
await browser.close();
ours.server.close();
pagefind.server.close();
const markdown = report(results);
fs.writeFileSync(path.join(ROOT, 'bench/compare.md'), markdown);
fs.writeFileSync(path.join(ROOT, 'bench/compare.json'), JSON.stringify(results, null, 1));
console.log(markdown);
console.log('written: bench/compare.md, bench/compare.json');
