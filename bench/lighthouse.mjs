// Lighthouse 12.2.3 (npm, pinned: newer versions' lock files are refused here and 13
// wants Node 22) on the built site as a host serves it (brotli, the CSP of _headers),
// with Debian's Chromium, on its mobile and desktop profiles.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from '../tests/browser.mjs';

const BIN = path.resolve(new URL('../node_modules/.bin/lighthouse', import.meta.url).pathname);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const AUDITS = {
  first_contentful_paint_ms: 'first-contentful-paint',
  largest_contentful_paint_ms: 'largest-contentful-paint',
  total_blocking_time_ms: 'total-blocking-time',
  cumulative_layout_shift: 'cumulative-layout-shift',
  speed_index_ms: 'speed-index',
};

/// One Lighthouse run of `url` on `profile` ('mobile' or 'desktop'): the four scores
/// (0-100) and the timings behind the performance score. Asynchronous: the site is
/// served by this same process, which must keep answering while Lighthouse runs.
export async function lighthouse(url, profile) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twir-lh-')), 'report.json');
  const args = [url, '--quiet', '--output=json', `--output-path=${out}`,
    '--chrome-flags=--headless --no-sandbox --disable-gpu', `--only-categories=${CATEGORIES.join(',')}`];
  if (profile === 'desktop') args.push('--preset=desktop');
  await new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (d) => { text += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`lighthouse failed:\n${text}`))));
  });
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  const figures = { profile };
  for (const c of CATEGORIES) figures[c] = Math.round(report.categories[c].score * 100);
  for (const [name, audit] of Object.entries(AUDITS)) {
    const v = report.audits[audit].numericValue;
    figures[name] = name.endsWith('_ms') ? Math.round(v) : Math.round(v * 1000) / 1000;
  }
  figures.long_tasks = (report.audits['long-tasks']?.details?.items ?? []).map((t) => Math.round(t.duration));
  return figures;
}
