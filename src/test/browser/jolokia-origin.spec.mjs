// Jolokia's origin check in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core, which
// scripts/browser-tools.sh installs into .tools/browser/. Run by JolokiaOriginIT:
//
//   node src/test/browser/jolokia-origin.spec.mjs
//
// 1. A page of another origin (DHM_OTHER_URL: the test's own server on 127.0.0.1, another port) posts Jolokia's exec
//    of DHM_MBEAN's stop() to the monitor as an attacker's page would: a simple request (text/plain, mode no-cors),
//    which the browser sends without asking first. It goes out and is answered (an opaque response); JolokiaOriginIT
//    then checks that the route still runs. The same request as a CORS fetch gets no readable answer.
// 2. A page of the monitor's own origin (DHM_URL, its dashboard) reads the route's State over Jolokia: the browser's
//    way there works, so what stopped the first is the origin.
//
// Environment: DHM_URL, DHM_OTHER_URL, DHM_MBEAN (a route's MBean name), DHM_PLAYWRIGHT (the playwright-core package
// directory). Prints what it checked; exits 1 with the reason on the first failure.
import { createRequire } from 'node:module';
import { check, fail, need } from './checks.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(need('DHM_PLAYWRIGHT'));

const URL = need('DHM_URL');
const OTHER = need('DHM_OTHER_URL');
const MBEAN = need('DHM_MBEAN');

async function post(page, url, body, mode) {
  return page.evaluate(async ({ url, body, mode }) => {
    try {
      const answer = await fetch(url, { method: 'POST', mode, headers: { 'Content-Type': 'text/plain' }, body });
      return { type: answer.type, status: answer.status, text: mode === 'no-cors' ? '' : await answer.text() };
    } catch (error) {
      return { type: 'refused', status: 0, text: String(error) };
    }
  }, { url, body, mode });
}

const profile = mkdtempSync(path.join(tmpdir(), 'dhm-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] || await context.newPage();
  const jolokia = URL + '/observe/jolokia';

  await page.goto(OTHER + '/');
  const stop = JSON.stringify({ type: 'exec', mbean: MBEAN, operation: 'stop()' });
  const simple = await post(page, jolokia, stop, 'no-cors');
  check(simple.type === 'opaque', 'the other origin\'s simple POST of stop() went out and was answered (' + simple.type + ')');
  const cors = await post(page, jolokia, stop, 'cors');
  check(cors.type === 'refused', 'the same POST as a CORS fetch gets no readable answer (' + cors.text + ')');

  await page.goto(URL + '/');
  const read = await post(page, jolokia, JSON.stringify({ type: 'read', mbean: MBEAN, attribute: 'State' }), 'cors');
  check(read.status === 200 && JSON.parse(read.text).value === 'Started',
    'a page of the monitor\'s own origin reads the route\'s State: ' + read.text);
} catch (error) {
  fail(error.message);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
