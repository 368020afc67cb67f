// Cold loads under a Chromium trace: every main-thread task over 50 ms while the index
// loads, with what ran inside it (the longest events under the task), in ms from the
// navigation start. `node tools/trace_long_tasks.mjs RUNS [DIR]`.
import path from 'node:path';
import { launch } from '../tests/browser.mjs';
import { serve } from '../tests/serve.mjs';

const runs = Number(process.argv[2] || 5);
const site = await serve(path.resolve(process.argv[3] || 'dist'));
const browser = await launch();
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'loading', 'toplevel', 'disabled-by-default-v8.compile'];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(site.url);
  await page.getByText(/Index of issues up to \d+/).waitFor({ timeout: 120_000 });
  const trace = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
  const events = trace.traceEvents;
  // The page's renderer main thread: the one that ran the navigation's parse.
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const parse = events.find((e) => e.name === 'ParseHTML');
  const main = `${parse.pid}:${parse.tid}`;
  const nav = events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main) || parse;
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  // A task is an outermost RunTask (the scheduler nests them).
  const runs = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const within = (e, o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur;
  const tasks = runs.filter((e) => e.dur > 50_000 && !runs.some((o) => within(e, o)));
  console.log(`run ${run + 1}: ${tasks.length} task(s) over 50 ms on ${names.get(main)}`);
  for (const t of tasks) {
    const inside = onMain.filter((e) => within(e, t) && e.dur > 3_000 && !runs.includes(e));
    console.log(`  at ${((t.ts - nav.ts) / 1000).toFixed(0)} ms, ${(t.dur / 1000).toFixed(0)} ms:`);
    for (const e of inside.sort((a, b) => a.ts - b.ts)) {
      const depth = inside.filter((o) => within(e, o)).length;
      const detail = e.args?.data?.url || e.args?.data?.functionName || e.args?.data?.type || e.args?.fileName || '';
      console.log(`    ${'  '.repeat(depth)}${e.name} ${(e.dur / 1000).toFixed(1)} ms ${String(detail).replace(/^.*\//, '').slice(0, 60)}`);
    }
  }
}
await browser.close();
site.server.close();
