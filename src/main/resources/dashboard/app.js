// The dashboard: polls the REST API every 2.5 s and renders each section as one HTML string (one innerHTML write per
// section and refresh, every dynamic text escaped); clicks are handled by one delegated listener per section, so a
// thousand containers cost a thousand rows of markup and nothing more. Changes (silences, unquarantine, acknowledge) need the API
// token, which the operator pastes into the token field: it is kept in this tab's sessionStorage only.
'use strict';

(function () {
  const POLL_MS = 2500;
  const TOKEN_KEY = 'dhm.apiToken';
  const ACK_NAME_KEY = 'dhm.ackName';
  const ALERT_LIMIT = 15;

  const state = {
    severalEngines: false, // set from /api/status: names then carry their engine
    status: null,
    containers: [],
    containersText: null,
    haystacks: [],
    alerts: [],
    alertsText: null,
    silences: [],
    silencesText: null,
    silenceMatchers: [],
    filterTerms: [],
    problemsOnly: false,
    collapsed: new Set(),
    openTimelines: new Set(),
    timelineOf: null,
    timelineRows: null,
    lastOk: null,
    polling: false,
    timer: null,
  };

  const $ = (id) => document.getElementById(id);

  // ---- text helpers ----------------------------------------------------------------------------------------------

  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  /** The group a container is listed under: its compose project, on its engine when there are several. */
  function group(c) {
    const project = c.project || 'standalone';
    return state.severalEngines ? c.engine + ' / ' + project : project;
  }

  /** A container as alerts name it: engine/name when the monitor watches several engines (DOCKER_HOSTS). */
  function qualifiedName(c) {
    return state.severalEngines ? c.engine + '/' + c.name : c.name;
  }

  function esc(value) {
    return value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  /** Local time as 2026-01-31 18:00:05. */
  function clock(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return String(iso);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  /** A duration in words: 42 s, 3 min 05 s, 2 h 10 min, 4 d 3 h. */
  function span(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + pad(s % 60) + ' s';
    const h = Math.floor(m / 60);
    if (h < 48) return h + ' h ' + pad(m % 60) + ' min';
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  function ago(iso) {
    return iso ? span(Date.now() - new Date(iso).getTime()) + ' ago' : '';
  }

  /** The value a datetime-local input shows for a time (local, to the minute). */
  function localInput(date) {
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' +
      pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  /** "Up 3 hours (healthy)" -> "3 hours"; nothing for a container that is not up. */
  /** The last resource sample under the engine's status line; nothing before the first (or with sampling off). */
  function resources(c) {
    if (typeof c.cpuPercent !== 'number') {
      return '';
    }
    return '<div class="res">cpu ' + esc(c.cpuPercent.toFixed(1)) + ' % · memory ' +
      esc(c.memoryPercent.toFixed(1)) + ' %</div>';
  }

  function uptime(engineState) {
    const m = /^Up (.+?)(?: \((?:healthy|unhealthy|health: starting|Paused)\))?$/.exec(engineState || '');
    return m ? m[1] : '';
  }

  /** The monitor's glob (HealSelection.glob): * and ? wildcards, the whole name, case-sensitive. */
  function globRegExp(glob) {
    const body = glob.split('').map((c) => c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')).join('');
    return new RegExp('^' + body + '$');
  }

  // ---- API -------------------------------------------------------------------------------------------------------

  function token() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) || '';
    } catch (e) {
      return '';
    }
  }

  function canWrite() {
    return token() !== '' && !(state.status && state.status.apiWritable === false);
  }

  async function api(method, path, body, bearer) {
    const headers = { Accept: 'application/json' };
    const secret = bearer !== undefined ? bearer : (method === 'GET' ? '' : token());
    if (secret) headers.Authorization = 'Bearer ' + secret;
    const init = { method: method, headers: headers, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const error = new Error((data && data.error) || (response.status + ' ' + response.statusText));
      error.status = response.status;
      error.field = data && data.field;
      throw error;
    }
    return { data: data, text: text };
  }

  // ---- rendering -------------------------------------------------------------------------------------------------

  function badge(text, kind) {
    return '<span class="badge ' + esc(kind) + '">' + esc(text) + '</span>';
  }

  function healthBadges(c, silenced) {
    let html = badge(c.status ? c.status.replace('_', ' ') : 'unknown', 'h-' + (c.status || 'unknown'));
    if (c.phase === 'PENDING') html += badge('pending', 'p-pending');
    if (c.phase === 'ALERTED') html += badge('alerted', 'p-alerted');
    if (c.acknowledged) html += badge('acknowledged', 'p-acknowledged');
    if (c.quarantined) html += badge('quarantined', 'p-quarantined');
    if (silenced) html += badge('silenced', 'p-silenced');
    if (!c.monitored) html += badge('not monitored', 'p-unmonitored');
    return html;
  }

  function isProblem(c) {
    return ['unhealthy', 'not_found', 'exited', 'oom_killed'].includes(c.status) || c.phase === 'PENDING' || c.phase === 'ALERTED' ||
      c.quarantined || c.state === 'gone' || /^(Restarting|Exited|Dead)/.test(c.state || '');
  }

  function silenced(c) {
    for (const m of state.silenceMatchers) {
      if ((m.container === null || m.container.test(c.name) || m.container.test(qualifiedName(c))) && (m.project === null || m.project === (c.project || 'standalone'))) {
        return true;
      }
    }
    return false;
  }

  function renderSummary() {
    const s = state.status;
    if (!s) return;
    const cards = [
      ['monitored', s.monitored, ''],
      ['unhealthy', s.unhealthy, s.unhealthy > 0 ? 'bad' : 'good'],
      ['pending', s.pending, s.pending > 0 ? 'warn' : ''],
      ['alerted', s.alerted, s.alerted > 0 ? 'bad' : ''],
      ['gone', s.gone, s.gone > 0 ? 'warn' : ''],
      ['quarantined', s.quarantined, s.quarantined > 0 ? 'bad' : ''],
      ['active silences', s.silences, s.silences > 0 ? 'info' : ''],
      ['auto-heal', s.autoheal ? 'on' : 'off', ''],
    ];
    $('summary').innerHTML = cards.map((card) =>
      '<div class="card ' + card[2] + '"><b>' + esc(card[1]) + '</b><span>' + esc(card[0]) + '</span></div>').join('');
    $('server').textContent = s.server ? 'server: ' + s.server : '';
    const connection = $('connection');
    const engines = Array.isArray(s.engines) ? s.engines : [];
    state.severalEngines = engines.length > 1;
    if (state.severalEngines) {
      const up = engines.filter((e) => e.reachable);
      connection.className = 'connection ' + (up.length === engines.length ? 'ok' : 'bad');
      connection.textContent = up.length + ' of ' + engines.length + ' engines connected';
      connection.title = engines.map((e) => e.name + ' ' + e.host + ': ' + (e.reachable ? 'connected, ' + e.monitored +
        ' watched' : 'unreachable since ' + clock(e.unreachableSince) + ' (' + e.cause + ')')).join('\n');
    } else {
      const reachable = s.docker && s.docker.reachable;
      connection.className = 'connection ' + (reachable ? 'ok' : 'bad');
      connection.textContent = reachable ? 'engine connected' : 'engine unreachable';
      connection.title = s.docker ? s.docker.host : '';
    }
  }

  function renderPending() {
    const now = Date.now();
    const rows = state.containers.filter((c) => c.phase === 'PENDING')
      .sort((a, b) => (a.pendingUntil || '').localeCompare(b.pendingUntil || ''));
    if (rows.length === 0) {
      $('pending').innerHTML = '<p class="empty">Nothing waiting for confirmation.</p>';
      return;
    }
    $('pending').innerHTML = '<table class="compact"><thead><tr><th>container</th><th>project</th><th>health</th>' +
      '<th>trouble since</th><th>recheck at</th><th>time left</th></tr></thead><tbody>' +
      rows.map((c) => '<tr><td class="name">' + esc(qualifiedName(c)) + '</td><td>' + esc(c.project) + '</td><td>' +
        healthBadges(c, false) + '</td><td>' + esc(clock(c.troubleSince)) + '</td><td>' + esc(clock(c.pendingUntil)) +
        '</td><td><span class="countdown" data-until="' + esc(c.pendingUntil) + '">' +
        esc(left(c.pendingUntil, now)) + '</span></td></tr>').join('') +
      '</tbody></table>';
  }

  function left(until, now) {
    if (!until) return '';
    const ms = new Date(until).getTime() - now;
    return ms > 0 ? span(ms) : 'rechecking';
  }

  function until(iso, now) {
    const ms = new Date(iso).getTime() - now;
    return ms > 0 ? 'in ' + span(ms) : 'expired';
  }

  /** Every second: the few relative times on the page move on without rebuilding their tables. */
  function tick() {
    const now = Date.now();
    for (const el of $('pending').querySelectorAll('[data-until]')) {
      el.textContent = left(el.getAttribute('data-until'), now);
    }
    for (const el of $('alerts').querySelectorAll('[data-ago]')) {
      el.textContent = ago(el.getAttribute('data-ago'));
    }
    for (const el of $('silences').querySelectorAll('[data-in]')) {
      el.textContent = until(el.getAttribute('data-in'), now);
    }
  }

  function renderQuarantined() {
    const rows = state.containers.filter((c) => c.quarantined);
    if (rows.length === 0) {
      $('quarantined').innerHTML = '<p class="empty">No container is quarantined.</p>';
      return;
    }
    const disabled = canWrite() ? '' : ' disabled title="needs the API token"';
    $('quarantined').innerHTML = '<table class="compact"><thead><tr><th>container</th><th>project</th><th>health</th>' +
      '<th>state (engine)</th><th></th></tr></thead><tbody>' +
      rows.map((c) => '<tr><td class="name">' + esc(qualifiedName(c)) + '</td><td>' + esc(c.project) + '</td><td>' +
        healthBadges(c, false) + '</td><td>' + esc(c.state) + '</td><td class="actions">' +
        '<button type="button" class="write" data-act="unquarantine" data-id="' + esc(c.id) + '" data-name="' +
        esc(qualifiedName(c)) + '"' + disabled + '>Unquarantine</button></td></tr>').join('') +
      '</tbody></table>';
  }

  /** An alerted container: who acknowledged it, or the button that does (it asks for a name and a comment). */
  function acknowledgement(c) {
    if (c.phase !== 'ALERTED') return '';
    const a = c.acknowledged;
    if (a) {
      return '<div class="sub ack">acknowledged by ' + esc(a.by) + ' at ' + esc(clock(a.at)) +
        (a.comment ? ': ' + esc(a.comment) : '') + '</div>';
    }
    const disabled = canWrite() ? '' : ' disabled title="needs the API token"';
    return '<div><button type="button" class="write" data-act="ack" data-name="' + esc(qualifiedName(c)) + '"' + disabled +
      ' title="stop the repeats until it recovers">Acknowledge</button></div>';
  }

  function renderContainers() {
    const terms = state.filterTerms;
    const all = state.containers;
    const html = [];
    let shown = 0;
    let i = 0;
    while (i < all.length) {
      const project = group(all[i]);
      let end = i;
      while (end < all.length && group(all[end]) === project) end++;
      const rows = [];
      let unhealthy = 0;
      for (let k = i; k < end; k++) {
        const c = all[k];
        if (c.status === 'unhealthy') unhealthy++;
        if (state.problemsOnly && !isProblem(c)) continue;
        if (terms.length > 0 && !terms.every((t) => state.haystacks[k].indexOf(t) >= 0)) continue;
        rows.push(c);
      }
      if (rows.length > 0) {
        shown += rows.length;
        const collapsed = state.collapsed.has(project);
        html.push('<tr class="group"><th colspan="6"><button type="button" class="toggle" data-act="toggle" data-project="' +
          esc(project) + '" aria-expanded="' + !collapsed + '">' + (collapsed ? '\u25b8' : '\u25be') + ' ' + esc(project) +
          '</button><span class="muted"> ' + (end - i) + (end - i === 1 ? ' container' : ' containers') +
          (unhealthy > 0 ? ', <span class="bad-text">' + unhealthy + ' unhealthy</span>' : '') +
          (rows.length < end - i ? ', ' + rows.length + ' shown' : '') + '</span></th></tr>');
        if (!collapsed) {
          for (const c of rows) {
            html.push('<tr class="row' + (isProblem(c) ? ' problem' : '') + '"><td class="name">' + esc(qualifiedName(c)) +
              (c.key && c.key !== qualifiedName(c) ? '<div class="sub">' + esc(c.key) + '</div>' : '') + '</td><td>' +
              healthBadges(c, silenced(c)) + acknowledgement(c) + '</td><td class="state">' + esc(c.state) + resources(c) + '</td><td>' + esc(uptime(c.state)) +
              '</td><td class="image">' + esc(c.image) + '</td><td class="actions"><button type="button" class="link" ' +
              'data-act="silence" data-name="' + esc(qualifiedName(c)) + '" title="prefill a silence for this container">silence\u2026</button>' +
              '<button type="button" class="link" data-act="timeline" data-name="' + esc(qualifiedName(c)) +
              '" title="what an alert about it would show now">' + (state.timelineOf === qualifiedName(c) ? 'hide timeline' : 'timeline') +
              '</button></td></tr>');
            if (state.timelineOf === qualifiedName(c) && state.timelineRows) {
              html.push('<tr class="timeline-row"><td colspan="6">' + (state.timelineRows.length === 0
                ? '<span class="muted">nothing recorded in the evidence window</span>' : timelineTable(state.timelineRows)) + '</td></tr>');
            }
          }
        }
      }
      i = end;
    }
    if (shown === 0) {
      html.push('<tr><td colspan="6" class="empty">' +
        (all.length === 0 ? 'No containers yet.' : 'No container matches the filter.') + '</td></tr>');
    }
    $('containers').innerHTML = html.join('');
    $('container-count').textContent = shown + ' of ' + all.length + ' containers';
  }

  /** An evidence timeline (an alert's, or a container's now) as a compact table, oldest first. */
  function timelineTable(rows) {
    return '<table class="timeline"><tbody>' + rows.map((r) => '<tr><td class="when" title="' + esc(r.at) + '">' +
      esc(clock(r.at).slice(11)) + '</td><td class="kind">' + esc(r.kind) + '</td><td>' + esc(r.summary) +
      (r.detail ? '<pre>' + esc(r.detail) + '</pre>' : '') + '</td></tr>').join('') + '</tbody></table>';
  }

  /** An alert's timeline, folded; the open ones stay open across refreshes. */
  function alertTimeline(a) {
    if (!a.timeline || a.timeline.length === 0) return '';
    return '<details data-timeline="' + esc(a.id) + '"' + (state.openTimelines.has(a.id) ? ' open' : '') +
      '><summary>timeline (' + a.timeline.length + ')</summary>' + timelineTable(a.timeline) + '</details>';
  }

  function renderAlerts() {
    if (state.alerts.length === 0) {
      $('alerts').innerHTML = '<tr><td colspan="6" class="empty">No alerts yet.</td></tr>';
      return;
    }
    $('alerts').innerHTML = state.alerts.map((record) => {
      const a = record.alert || {};
      const deliveries = (record.deliveries || []).map((d) =>
        '<span class="delivery d-' + esc((d.status || '').toLowerCase()) + '" title="' +
        esc((d.note ? d.note + ' - ' : '') + 'updated ' + clock(d.updatedAt)) + '">' + esc(d.channel) +
        (d.target ? ' <span class="target">' + esc(d.target) + '</span>' : '') + ' <b>' + esc(d.status) + '</b>' +
        (d.attempts > 1 ? ' <span class="muted">\u00d7' + esc(d.attempts) + '</span>' : '') + '</span>').join('');
      return '<tr data-alert="' + esc(a.id) + '"><td class="when" title="' + esc(a.time) + '">' + esc(clock(a.time)) +
        '<div class="sub" data-ago="' + esc(a.time) + '">' + esc(ago(a.time)) + '</div></td><td>' + badge(a.severity, 's-' + (a.severity || '').toLowerCase()) +
        '</td><td class="name">' + esc((a.engine ? a.engine + '/' : '') + a.container) + '<div class="sub">' + esc(a.project || 'standalone') + '</div></td><td>' +
        esc(a.fromStatus) + ' \u2192 ' + esc(a.toStatus) + '</td><td class="details">' +
        (a.cause ? '<div class="headline">' + esc(a.cause.summary) + '</div>' : '') + esc(a.details) + alertTimeline(a) + '</td><td>' +
        (deliveries || '<span class="muted">none</span>') + '</td></tr>';
    }).join('');
  }

  function renderSilences() {
    if (state.silences.length === 0) {
      $('silences').innerHTML = '<tr><td colspan="6" class="empty">No silences.</td></tr>';
      return;
    }
    const now = Date.now();
    const disabled = canWrite() ? '' : ' disabled title="needs the API token"';
    $('silences').innerHTML = state.silences.map((s) => {
      const active = new Date(s.until).getTime() > now;
      return '<tr class="' + (active ? 'active' : 'expired') + '" data-silence="' + esc(s.id) + '"><td class="name">' +
        esc(s.container || '*') + '</td><td>' + esc(s.project || 'any') + '</td><td>' + esc(clock(s.until)) +
        '<div class="sub" data-in="' + esc(s.until) + '">' + esc(until(s.until, now)) +
        '</div></td><td>' + esc(s.reason) + '</td><td>' + esc(clock(s.createdAt)) + '</td><td class="actions">' +
        '<button type="button" class="write danger" data-act="delete" data-id="' + esc(s.id) + '"' + disabled +
        '>Delete</button></td></tr>';
    }).join('');
  }

  function renderWriteState() {
    const readOnlyServer = state.status && state.status.apiWritable === false;
    const has = token() !== '';
    $('token-state').textContent = readOnlyServer ? 'the server has no API_TOKEN: read-only'
      : has ? 'token set for this tab' : 'read-only';
    $('token-state').className = has && !readOnlyServer ? 'ok-text' : 'muted';
    $('token-input').disabled = !!readOnlyServer;
    $('token-save').disabled = !!readOnlyServer;
    $('token-forget').disabled = !has;
    $('silence-create').disabled = !canWrite();
    $('silence-create').title = canWrite() ? '' : 'needs the API token';
  }

  // ---- data ------------------------------------------------------------------------------------------------------

  function setContainers(text, list) {
    state.containersText = text;
    state.containers = Array.isArray(list) ? list : [];
    state.haystacks = state.containers.map((c) =>
      [c.name, c.key, c.engine, c.project, c.image, c.status, c.phase, c.state, c.quarantined ? 'quarantined' : '']
        .join(' ').toLowerCase());
  }

  function setSilences(text, list) {
    state.silencesText = text;
    state.silences = Array.isArray(list) ? list : [];
    const now = Date.now();
    state.silenceMatchers = state.silences.filter((s) => new Date(s.until).getTime() > now).map((s) => ({
      container: s.container ? globRegExp(s.container) : null,
      project: s.project || null,
    }));
  }

  async function refresh() {
    const [status, containers, alerts, silences] = await Promise.allSettled([
      api('GET', '/api/status'), api('GET', '/api/containers'),
      api('GET', '/api/alerts?limit=' + ALERT_LIMIT), api('GET', '/api/silences')]);
    const failed = [status, containers, alerts, silences].filter((r) => r.status === 'rejected');
    if (status.status === 'fulfilled') {
      state.status = status.value.data;
      renderSummary();
    }
    let containersChanged = false;
    if (silences.status === 'fulfilled' && silences.value.text !== state.silencesText) {
      setSilences(silences.value.text, silences.value.data);
      renderSilences();
      containersChanged = true; // the silenced badges
    }
    if (containers.status === 'fulfilled' && containers.value.text !== state.containersText) {
      setContainers(containers.value.text, containers.value.data);
      containersChanged = true;
    }
    if (containersChanged) {
      renderContainers();
      renderPending();
      renderQuarantined();
    }
    if (alerts.status === 'fulfilled' && alerts.value.text !== state.alertsText) {
      state.alertsText = alerts.value.text;
      state.alerts = Array.isArray(alerts.value.data) ? alerts.value.data : [];
      renderAlerts();
    }
    renderWriteState();
    const banner = $('banner');
    if (failed.length > 0) {
      banner.hidden = false;
      banner.textContent = 'The monitor\'s API did not answer (' + failed[0].reason.message + '); showing ' +
        (state.lastOk ? 'what it said at ' + clock(state.lastOk.toISOString()) : 'nothing yet') + '.';
      if (status.status === 'rejected') {
        $('connection').className = 'connection bad';
        $('connection').textContent = 'monitor unreachable';
      }
    } else {
      banner.hidden = true;
      state.lastOk = new Date();
      $('updated').textContent = clock(state.lastOk.toISOString());
    }
  }

  async function poll() {
    if (state.polling) return;
    state.polling = true;
    clearTimeout(state.timer);
    try {
      await refresh();
    } catch (e) {
      console.error(e);
    } finally {
      state.polling = false;
      if (!document.hidden) state.timer = setTimeout(poll, POLL_MS);
    }
  }

  /** Re-reads everything now (after a change), whatever the timer says. */
  function refreshSoon() {
    state.containersText = null;
    state.silencesText = null;
    state.alertsText = null;
    if (state.polling) {
      setTimeout(refreshSoon, 100);
    } else {
      poll();
    }
  }

  // ---- actions ---------------------------------------------------------------------------------------------------

  function message(el, text, ok) {
    if (!el) return;
    el.textContent = text;
    el.className = 'message ' + (ok ? 'ok-text' : 'bad-text');
  }

  async function saveToken(event) {
    event.preventDefault();
    const input = $('token-input');
    const candidate = input.value.trim();
    if (!candidate) return;
    // The API has no "who am I": a DELETE of a silence that cannot exist (ids are 8 hex digits) answers 404 to the
    // right token and 401 to a wrong one, and changes nothing.
    try {
      await api('DELETE', '/api/silences/token-check', undefined, candidate);
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        $('token-state').textContent = e.status === 401 ? 'token refused' : e.message;
        $('token-state').className = 'bad-text';
        return;
      }
      if (e.status !== 404) {
        $('token-state').textContent = 'could not check the token: ' + e.message;
        $('token-state').className = 'bad-text';
        return;
      }
    }
    sessionStorage.setItem(TOKEN_KEY, candidate);
    input.value = '';
    renderWriteState();
    renderQuarantined();
    renderSilences();
    renderContainers();
  }

  function forgetToken() {
    sessionStorage.removeItem(TOKEN_KEY);
    renderWriteState();
    renderQuarantined();
    renderSilences();
    renderContainers();
  }

  async function createSilence(event) {
    event.preventDefault();
    const out = $('silence-message');
    const container = $('silence-container').value.trim();
    const project = $('silence-project').value.trim();
    const untilText = $('silence-until').value;
    const reason = $('silence-reason').value.trim();
    if (!container && !project) {
      message(out, 'Give a container (name or glob), a project, or both.', false);
      return;
    }
    const until = new Date(untilText);
    if (!untilText || isNaN(until)) {
      message(out, 'Give the time the silence ends.', false);
      return;
    }
    const body = { until: until.toISOString(), reason: reason };
    if (container) body.container = container;
    if (project) body.project = project;
    try {
      const created = (await api('POST', '/api/silences', body)).data;
      message(out, 'Silenced ' + [created.container, created.project].filter(Boolean).join(' in ') + ' until ' +
        clock(created.until) + '.', true);
      $('silence-container').value = '';
      $('silence-project').value = '';
      $('silence-reason').value = '';
      refreshSoon();
    } catch (e) {
      message(out, (e.field ? e.field + ': ' : '') + e.message, false);
    }
  }

  async function onSilencesClick(event) {
    const button = event.target.closest('button[data-act="delete"]');
    if (!button || button.disabled) return;
    button.disabled = true;
    try {
      await api('DELETE', '/api/silences/' + encodeURIComponent(button.getAttribute('data-id')));
      message($('silence-message'), 'Silence removed.', true);
      refreshSoon();
    } catch (e) {
      button.disabled = false;
      message($('silence-message'), e.message, false);
    }
  }

  async function onQuarantinedClick(event) {
    const button = event.target.closest('button[data-act="unquarantine"]');
    if (!button || button.disabled) return;
    button.disabled = true;
    const name = button.getAttribute('data-name');
    try {
      await api('POST', '/api/containers/' + encodeURIComponent(button.getAttribute('data-id')) + '/unquarantine');
      message($('quarantine-message'), name + ' released from quarantine.', true);
      refreshSoon();
    } catch (e) {
      button.disabled = false;
      message($('quarantine-message'), e.message, false);
    }
  }

  /**
   * Acknowledges an alerted container through its newest alert that is not a recovery (the API acknowledges by
   * alert id; any alert of the episode will do). The name asked for is remembered for this tab.
   */
  async function acknowledge(button) {
    if (button.disabled) return;
    const name = button.getAttribute('data-name');
    const by = prompt('Acknowledge ' + name + ': no more repeats until it recovers.\nYour name:',
      sessionStorage.getItem(ACK_NAME_KEY) || '');
    if (by === null || by.trim() === '') return;
    const comment = prompt('Comment for ' + name + ' (optional):', '');
    if (comment === null) return;
    sessionStorage.setItem(ACK_NAME_KEY, by.trim());
    button.disabled = true;
    try {
      const alerts = await api('GET', '/api/alerts?limit=20&container=' + encodeURIComponent(name));
      const newest = (alerts.data || []).map((record) => record.alert).find((a) => a && a.severity !== 'INFO');
      if (!newest) throw new Error('no alert of ' + name + ' to acknowledge');
      await api('POST', '/api/alerts/' + encodeURIComponent(newest.id) + '/ack', { by: by.trim(), comment: comment.trim() });
      message($('containers-message'), name + ' acknowledged.', true);
      refreshSoon();
    } catch (e) {
      button.disabled = false;
      message($('containers-message'), name + ': ' + e.message, false);
    }
  }

  function onContainersClick(event) {
    const target = event.target.closest('button[data-act]');
    if (!target) return;
    if (target.getAttribute('data-act') === 'toggle') {
      const project = target.getAttribute('data-project');
      if (state.collapsed.has(project)) state.collapsed.delete(project);
      else state.collapsed.add(project);
      renderContainers();
    } else if (target.getAttribute('data-act') === 'timeline') {
      showTimeline(target.getAttribute('data-name'));
    } else if (target.getAttribute('data-act') === 'silence') {
      $('silence-container').value = target.getAttribute('data-name');
      $('silence-project').value = '';
      if (!$('silence-until').value) $('silence-until').value = localInput(new Date(Date.now() + 3600 * 1000));
      $('silence-form').scrollIntoView({ behavior: 'smooth', block: 'center' });
      $('silence-reason').focus({ preventScroll: true });
    } else if (target.getAttribute('data-act') === 'ack') {
      acknowledge(target);
    }
  }

  /** Shows (or hides) a container's timeline under its row: GET /api/containers/{name}/timeline. */
  async function showTimeline(name) {
    if (state.timelineOf === name) {
      state.timelineOf = null;
      state.timelineRows = null;
    } else {
      state.timelineOf = name;
      state.timelineRows = null;
      try {
        state.timelineRows = (await api('GET', '/api/containers/' + encodeURIComponent(name) + '/timeline')).data.timeline;
      } catch (e) {
        state.timelineRows = [{ at: new Date().toISOString(), kind: 'monitor', summary: e.message, detail: '' }];
      }
    }
    renderContainers();
  }

  function onAlertToggle(event) {
    const details = event.target;
    if (!details.matches || !details.matches('details[data-timeline]')) return;
    const id = details.getAttribute('data-timeline');
    if (details.open) state.openTimelines.add(id);
    else state.openTimelines.delete(id);
  }

  let filterFrame = 0;

  function onFilter() {
    state.filterTerms = $('filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    state.problemsOnly = $('problems-only').checked;
    if (!filterFrame) {
      filterFrame = requestAnimationFrame(() => {
        filterFrame = 0;
        renderContainers();
      });
    }
  }

  function start() {
    $('token-form').addEventListener('submit', saveToken);
    $('token-forget').addEventListener('click', forgetToken);
    $('silence-form').addEventListener('submit', createSilence);
    $('silences').addEventListener('click', onSilencesClick);
    $('quarantined').addEventListener('click', onQuarantinedClick);
    $('containers').addEventListener('click', onContainersClick);
    $('alerts').addEventListener('toggle', onAlertToggle, true);
    $('filter').addEventListener('input', onFilter);
    $('problems-only').addEventListener('change', onFilter);
    $('silence-until').value = localInput(new Date(Date.now() + 3600 * 1000));
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) poll();
    });
    setInterval(tick, 1000);
    renderWriteState();
    poll();
  }

  start();
})();
