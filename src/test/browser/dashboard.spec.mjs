// The dashboard in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core, which
// scripts/browser-tools.sh installs into .tools/browser/. Run by DashboardIT, one step per call:
//
//   node src/test/browser/dashboard.spec.mjs silence     the container shows; the token field gates changes; a silence
//                                                        for the container is created through the form
//   node src/test/browser/dashboard.spec.mjs screenshot  the container's alert shows with its copies SILENCED; a
//                                                        full-page screenshot goes to DHM_SCREENSHOT; the silence
//                                                        is deleted through its Delete button
//   node src/test/browser/dashboard.spec.mjs scale       1,000 containers (GET /api/containers answered by the test):
//                                                        all rendered, and the filter box narrows them quickly
//   node src/test/browser/dashboard.spec.mjs actions     a pending confirmation counts down; Unquarantine and
//                                                        Acknowledge send their POST with the token (containers and
//                                                        alerts answered by the test)
//
// Environment: DHM_URL (the monitor, e.g. http://127.0.0.1:18090), DHM_TOKEN (its API_TOKEN), DHM_CONTAINER (the
// test container's name), DHM_SCREENSHOT (a .png path), DHM_PLAYWRIGHT (the playwright-core package directory).
// Prints what it checked; exits 1 with the reason on the first failure.
import { createRequire } from 'node:module';
import { check, fail, need } from './checks.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require(process.env.DHM_PLAYWRIGHT ||
  path.resolve(here, '../../../.tools/browser/node_modules/playwright-core'));

const URL = need('DHM_URL');
const step = process.argv[2];

async function withPage(body) {
  const profile = mkdtempSync(path.join(tmpdir(), 'dhm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    timezoneId: 'UTC',
    colorScheme: 'light',
  });
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 40[0-9]/.test(msg.text())) problems.push('console error: ' + msg.text());
  });
  try {
    await body(page);
    check(problems.length === 0, 'no script errors in the page' + (problems.length ? ': ' + problems.join('; ') : ''));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function containerRow(page, name) {
  return page.locator('#containers tr.row').filter({ has: page.locator('td.name', { hasText: name }) });
}

async function silenceStep() {
  const token = need('DHM_TOKEN');
  const name = need('DHM_CONTAINER');
  await withPage(async (page) => {
    await page.goto(URL + '/');
    await containerRow(page, name).waitFor();
    check(true, name + ' is listed under its project');
    const html = await (await page.request.get(URL + '/')).text();
    check(!html.includes(token), 'the page source holds no token');

    check(await page.locator('#silence-create').isDisabled(), 'without a token the Silence button is disabled');
    await page.fill('#token-input', 'not-the-token');
    await page.click('#token-save');
    await page.locator('#token-state', { hasText: 'token refused' }).waitFor();
    check(await page.locator('#silence-create').isDisabled(), 'a wrong token is refused and changes stay disabled');

    await page.fill('#token-input', token);
    await page.click('#token-save');
    await page.locator('#silence-create:enabled').waitFor();
    check(await page.evaluate(() => sessionStorage.getItem('dhm.apiToken')) === token,
      'the right token is kept in sessionStorage and enables changes');
    check(await page.inputValue('#token-input') === '', 'the token field is emptied once the token is kept');

    await containerRow(page, name).locator('button[data-act="silence"]').click();
    check(await page.inputValue('#silence-container') === name, 'the row\'s "silence" prefills the container');
    check(await page.inputValue('#silence-until') !== '', 'until is prefilled');
    await page.fill('#silence-reason', 'maintenance window (dashboard test)');
    await page.click('#silence-create');
    await page.locator('#silence-message', { hasText: 'Silenced ' + name }).waitFor();
    await page.locator('#silences tr.active td.name', { hasText: name }).waitFor();
    check(true, 'the silence is created and listed');
    await containerRow(page, name).locator('.badge.p-silenced').waitFor();
    check(true, 'the container shows as silenced');
  });
}

async function screenshotStep() {
  const token = need('DHM_TOKEN');
  const name = need('DHM_CONTAINER');
  const file = need('DHM_SCREENSHOT');
  await withPage(async (page) => {
    await page.goto(URL + '/');
    await page.fill('#token-input', token);
    await page.click('#token-save');
    await page.locator('#silence-create:enabled').waitFor();
    const alert = page.locator('#alerts tr').filter({ has: page.locator('td.name', { hasText: name }) }).first();
    await alert.locator('.delivery.d-silenced').first().waitFor();
    check(await alert.locator('.delivery').count() === await alert.locator('.delivery.d-silenced').count(),
      'the alert for ' + name + ' shows every copy SILENCED');
    await containerRow(page, name).locator('.badge.h-unhealthy').waitFor();
    check(true, name + ' shows unhealthy');
    await page.waitForTimeout(300);
    await page.screenshot({ path: file, fullPage: true });
    check(true, 'screenshot written to ' + file);

    const silence = page.locator('#silences tr.active').filter({ has: page.locator('td.name', { hasText: name }) });
    await silence.locator('button[data-act="delete"]').click();
    await page.locator('#silence-message', { hasText: 'Silence removed' }).waitFor();
    await silence.waitFor({ state: 'detached' });
    check(true, 'the silence is deleted from the list');
  });
}

/**
 * What needs auto-heal or a slow wait to see for real, from answers the test gives: a pending confirmation counts
 * down, Unquarantine sends POST /api/containers/{id}/unquarantine with the bearer token, and Acknowledge asks for a
 * name and a comment and sends POST /api/alerts/{id}/ack for the container's newest alert that is not a recovery;
 * a problem alert's timeline unfolds and stays open, and a container's opens under its row.
 */
async function actionsStep() {
  const token = need('DHM_TOKEN');
  const now = Date.now();
  const base = { key: null, project: 'shop', image: 'shop/app:2.1', statusSince: new Date(now - 60000).toISOString(),
    monitored: true, healthOutput: '' };
  const rows = [
    Object.assign({}, base, { id: 'a'.repeat(64), name: 'shop-cart-1', key: 'shop/cart/1', state: 'Up 2 hours (unhealthy)',
      status: 'unhealthy', phase: 'PENDING', troubleSince: new Date(now - 30000).toISOString(),
      pendingUntil: new Date(now + 95000).toISOString(), quarantined: false }),
    Object.assign({}, base, { id: 'b'.repeat(64), name: 'shop-mail-1', key: 'shop/mail/1', state: 'Up 3 minutes (unhealthy)',
      status: 'unhealthy', phase: 'ALERTED', troubleSince: new Date(now - 900000).toISOString(), pendingUntil: null,
      quarantined: true }),
  ];
  const released = [];
  const acknowledged = [];
  const alerts = [
    { alert: { id: 'alert-info', severity: 'INFO', container: 'shop-mail-1', project: 'shop', fromStatus: 'unhealthy',
      toStatus: 'restarted', time: new Date(now - 60000).toISOString(), details: 'restarted' }, deliveries: [] },
    { alert: { id: 'alert-critical', severity: 'CRITICAL', container: 'shop-mail-1', project: 'shop',
      fromStatus: 'healthy', toStatus: 'unhealthy', time: new Date(now - 600000).toISOString(), details: 'down',
      timeline: [
        { at: new Date(now - 610000).toISOString(), kind: 'health', summary: 'health check failed, exit code 1',
          detail: 'connection <refused>', exitCode: 1 },
        { at: new Date(now - 600000).toISOString(), kind: 'state', summary: 'running, restart count 2', detail: '' },
      ] },
    deliveries: [] },
  ];
  await withPage(async (page) => {
    await page.route((url) => url.pathname === '/api/alerts', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(alerts) }));
    await page.route((url) => /^\/api\/alerts\/[^/]+\/ack$/.test(url.pathname), (route) => {
      acknowledged.push({ url: route.request().url(), authorization: route.request().headers()['authorization'],
        body: route.request().postDataJSON() });
      rows[1].acknowledged = { by: 'alice', comment: 'on it', at: new Date().toISOString(), alertId: 'alert-critical' };
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(rows[1].acknowledged) });
    });
    await page.route('**/api/containers', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(rows) }));
    await page.route('**/api/containers/*/timeline', (route) => route.fulfill({ status: 200,
      contentType: 'application/json', body: JSON.stringify({ container: 'shop-cart-1', timeline: [
        { at: new Date(now - 5000).toISOString(), kind: 'exit', summary: 'exited with code 137, OOMKilled', detail: '',
          exitCode: 137 }] }) }));
    await page.route('**/api/containers/*/unquarantine', (route) => {
      released.push({ method: route.request().method(), url: route.request().url(),
        authorization: route.request().headers()['authorization'] });
      rows[1].quarantined = false;
      return route.fulfill({ status: 200, contentType: 'application/json', body: '{"released":"shop-mail-1"}' });
    });
    await page.goto(URL + '/');
    const countdown = page.locator('#pending .countdown');
    await countdown.waitFor();
    const first = await countdown.textContent();
    check(/^1 min \d\d s$/.test(first), 'the pending container shows its time left: ' + first);
    await page.waitForFunction((was) => document.querySelector('#pending .countdown').textContent !== was, first,
      { timeout: 5000 });
    check(true, 'the time left counts down: ' + await countdown.textContent());

    const button = page.locator('#quarantined button[data-act="unquarantine"]');
    await button.waitFor();
    check(await button.isDisabled(), 'Unquarantine is disabled without the token');
    const ack = page.locator('#containers button[data-act="ack"][data-name="shop-mail-1"]');
    check(await ack.isDisabled(), 'Acknowledge is disabled without the token');
    check(await page.locator('#containers button[data-act="ack"]').count() === 1, 'only the alerted container has Acknowledge');
    await page.fill('#token-input', token);
    await page.click('#token-save');
    await page.locator('#quarantined button[data-act="unquarantine"]:enabled').click();
    await page.locator('#quarantine-message', { hasText: 'shop-mail-1 released from quarantine' }).waitFor();
    check(released.length === 1 && released[0].method === 'POST' &&
      released[0].url.endsWith('/api/containers/' + 'b'.repeat(64) + '/unquarantine') &&
      released[0].authorization === 'Bearer ' + token,
    'Unquarantine sent POST /api/containers/{id}/unquarantine with the bearer token');
    await page.locator('#quarantined .empty').waitFor();
    check(true, 'the released container leaves the quarantine list');

    page.on('dialog', (dialog) => dialog.accept(dialog.message().includes('Your name') ? 'alice' : 'on it'));
    await page.locator('#containers button[data-act="ack"][data-name="shop-mail-1"]:enabled').click();
    await page.locator('#containers-message', { hasText: 'shop-mail-1 acknowledged' }).waitFor();
    check(acknowledged.length === 1 && acknowledged[0].url.endsWith('/api/alerts/alert-critical/ack') &&
      acknowledged[0].authorization === 'Bearer ' + token && acknowledged[0].body.by === 'alice' &&
      acknowledged[0].body.comment === 'on it',
    'Acknowledge sent POST /api/alerts/{id}/ack for the newest alert that is not INFO, with the name, comment and token');
    await page.locator('#containers .ack', { hasText: /^acknowledged by alice at .+: on it$/ }).waitFor();
    check(await page.locator('#containers button[data-act="ack"]').count() === 0,
      'the acknowledged container shows who acknowledged it instead of the button');

    const folded = page.locator('#alerts details[data-timeline="alert-critical"]');
    check((await folded.locator('summary').textContent()) === 'timeline (2)', 'a problem alert has its timeline, folded');
    check(await page.locator('#alerts details[data-timeline="alert-info"]').count() === 0, 'a notice has none');
    await folded.locator('summary').click();
    await folded.locator('pre', { hasText: 'connection <refused>' }).waitFor();
    await page.waitForTimeout(3000); // a refresh re-renders the alerts
    check(await page.locator('#alerts details[data-timeline="alert-critical"][open]').count() === 1,
      'an opened timeline stays open across refreshes, its output escaped');
    await page.locator('#containers button[data-act="timeline"][data-name="shop-cart-1"]').click();
    await page.locator('#containers tr.timeline-row', { hasText: 'exited with code 137, OOMKilled' }).waitFor();
    check(true, 'a container\'s timeline opens under its row (GET /api/containers/{id}/timeline)');
  });
}

/** 1,000 containers in 50 projects, sorted as the API sorts them; 37 unhealthy, one named needle-box. */
function thousandContainers() {
  const rows = [];
  const now = Date.now();
  for (let p = 0; p < 50; p++) {
    const project = 'team-' + String(p).padStart(2, '0');
    for (let k = 0; k < 20; k++) {
      const i = p * 20 + k;
      const name = i === 777 ? 'needle-box' : project + '-svc-' + String(k).padStart(2, '0');
      const unhealthy = i % 27 === 5;
      rows.push({
        id: i.toString(16).padStart(64, '0'), name: name, key: project + '/svc' + k + '/1', project: project,
        image: 'registry.example/' + project + '/svc:' + (k % 3 + 1) + '.0', state: 'Up ' + (k + 1) + ' hours (' +
          (unhealthy ? 'unhealthy' : 'healthy') + ')', status: unhealthy ? 'unhealthy' : 'healthy',
        phase: unhealthy ? 'ALERTED' : 'OK', statusSince: new Date(now - 3600000).toISOString(),
        troubleSince: unhealthy ? new Date(now - 600000).toISOString() : null, pendingUntil: null,
        monitored: true, quarantined: false, healthOutput: '',
      });
    }
  }
  rows.sort((a, b) => a.project.localeCompare(b.project) || a.name.localeCompare(b.name));
  return rows;
}

async function scaleStep() {
  const rows = thousandContainers();
  const body = JSON.stringify(rows);
  await withPage(async (page) => {
    await page.route('**/api/containers', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: body }));
    let started = Date.now();
    await page.goto(URL + '/');
    await page.locator('#container-count', { hasText: '1000 of 1000 containers' }).waitFor();
    check(await page.locator('#containers tr.row').count() === 1000,
      '1,000 container rows rendered (' + (Date.now() - started) + ' ms from navigation)');
    check(await page.locator('#containers tr.group').count() === 50, 'in 50 project groups');

    const narrow = async (text, expected) => {
      started = Date.now();
      await page.fill('#filter', text);
      await page.waitForFunction((want) => document.getElementById('container-count').textContent === want,
        expected + ' of 1000 containers', { polling: 'raf', timeout: 5000 });
      const ms = Date.now() - started;
      // narrowing is a few rows of markup; showing all 1,000 again is the browser's layout of the whole table,
      // which a busy 2-core CI machine can slow several times over
      const limit = expected === 1000 ? 3000 : 1000;
      check(ms < limit, 'filter "' + text + '" shows ' + expected + ' of 1000 in ' + ms + ' ms (limit ' + limit + ')');
    };
    await narrow('needle', 1);
    check((await page.locator('#containers tr.row td.name').first().textContent()).startsWith('needle-box'),
      'the one row is needle-box');
    await narrow('team-07', 20);
    await narrow('unhealthy team-1', 7);
    await narrow('no-such-container', 0);
    await page.locator('#containers td.empty', { hasText: 'No container matches' }).waitFor();
    await narrow('', 1000);

    await page.check('#problems-only');
    await page.locator('#container-count', { hasText: '37 of 1000 containers' }).waitFor();
    check(true, '"problems only" shows the 37 unhealthy');
    await page.uncheck('#problems-only');

    await page.fill('#filter', 'needle');
    await page.waitForTimeout(3000); // a poll or two: the filter holds, the rows are not rebuilt from scratch
    check(await page.textContent('#container-count') === '1 of 1000 containers', 'the filter holds across polls');

    const renderMs = await page.evaluate(() => {
      const input = document.getElementById('filter');
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) {
        input.value = i % 2 ? 'team' : '';
        input.dispatchEvent(new Event('input'));
      }
      return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    check(renderMs < 1000, 'five quick keystrokes render once in ' + Math.round(renderMs) + ' ms');
  });
}

/** A monitor of two engines (DOCKER_HOSTS), one of them down, each running a container of the same name. */
async function enginesStep() {
  const now = new Date().toISOString();
  const twin = (engine, status) => ({
    id: (engine === 'alpha' ? 'a' : 'b').repeat(64), name: 'shop-web-1', key: engine + '/shop/web/1', engine: engine,
    project: 'shop', image: 'shop/web:1.0', state: 'Up 2 hours (' + status + ')', status: status,
    phase: status === 'unhealthy' ? 'ALERTED' : 'OK', statusSince: now, troubleSince: null, pendingUntil: null,
    monitored: true, quarantined: false, healthOutput: '',
  });
  const containers = JSON.stringify([twin('alpha', 'healthy'), twin('bravo', 'unhealthy')]);
  await withPage(async (page) => {
    await page.route('**/api/containers', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: containers }));
    await page.route('**/api/status', async (route) => {
      const status = await (await route.fetch()).json();
      status.engines = [
        { name: 'alpha', host: 'unix:///var/run/docker.sock', reachable: true, monitored: 1 },
        { name: 'bravo', host: 'tcp://10.0.0.2:2376', reachable: false, unreachableSince: now,
          cause: 'ping: ConnectException Connection refused', monitored: 1 }];
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(status) });
    });
    await page.goto(URL + '/');
    await page.locator('#connection', { hasText: '1 of 2 engines connected' }).waitFor();
    check((await page.getAttribute('#connection', 'title')).includes('bravo tcp://10.0.0.2:2376: unreachable since'),
      'the header says which engine is away, and why');
    await containerRow(page, 'bravo/shop-web-1').waitFor();
    check(await containerRow(page, 'alpha/shop-web-1').count() === 1, 'each twin is named with its engine');
    const groups = await page.locator('#containers tr.group').allTextContents();
    check(groups.length === 2 && groups[0].includes('alpha / shop') && groups[1].includes('bravo / shop'),
      'grouped by engine and project: ' + groups.join(' | '));
    await page.fill('#filter', 'bravo');
    await page.locator('#container-count', { hasText: '1 of 2 containers' }).waitFor();
    check(true, 'the filter finds a container by its engine');
  });
}

const steps = { silence: silenceStep, screenshot: screenshotStep, scale: scaleStep, actions: actionsStep,
  engines: enginesStep };
if (!steps[step]) fail('usage: node dashboard.spec.mjs silence|screenshot|scale|actions|engines');
try {
  await steps[step]();
  console.log('step ' + step + ' passed');
} catch (error) {
  fail(step + ': ' + (error && error.stack ? error.stack : error));
}
