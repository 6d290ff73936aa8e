/*
 * Stratacache operator dashboard: reads GET /api/v1/cache/dashboard and the trend series
 * GET /api/v1/cache/monitoring/metrics every 5 s and draws them with Chart.js (from the webjar).
 * No build step; every value from the server is written as text, never as HTML.
 */
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var API = '../api/v1/cache/';
  var COLORS = { ok: '#3fbf7f', warn: '#f0b429', bad: '#ef5350', accent: '#4ea1ff', muted: '#8597a8', grid: '#263443' };

  var state = {
    charts: {},
    refreshes: 0,
    lastRefresh: null,
    problems: [],
    paused: false,
    timer: null
  };
  window.stratacacheDashboard = state;

  // ---- small helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  function td(text, cls) { return el('td', cls ? { text: text, 'class': cls } : { text: text }); }

  function pill(text) { return el('span', { 'class': 'pill ' + String(text), text: String(text) }); }

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : 0; }

  function count(v) {
    v = num(v);
    if (v >= 1e9) { return (v / 1e9).toFixed(1) + ' G'; }
    if (v >= 1e6) { return (v / 1e6).toFixed(1) + ' M'; }
    if (v >= 1e4) { return (v / 1e3).toFixed(1) + ' k'; }
    return String(Math.round(v));
  }

  function bytes(v) {
    v = num(v);
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
  }

  function pct(rate) { return (num(rate) * 100).toFixed(1) + '%'; }

  function ms(v) { v = num(v); return v >= 100 ? v.toFixed(0) + ' ms' : v.toFixed(2) + ' ms'; }

  function rateColor(rate) { return rate >= 0.7 ? COLORS.ok : rate >= 0.5 ? COLORS.warn : COLORS.bad; }

  function utc(iso, withDate) {
    if (!iso) { return '–'; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    var s = d.toISOString();
    return (withDate ? s.substring(5, 10) + ' ' : '') + s.substring(11, 16);
  }

  function fill(tbody, rows, columns, emptyText) {
    tbody.textContent = '';
    if (!rows.length) {
      tbody.appendChild(el('tr', { 'class': 'empty' }, [el('td', { colspan: String(columns), text: emptyText })]));
      return;
    }
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  function fetchJson(path) {
    var ctrl = new AbortController();
    var t = setTimeout(function () { ctrl.abort(); }, 4000);
    return fetch(path, { headers: { Accept: 'application/json' }, signal: ctrl.signal, cache: 'no-store' })
      .then(function (r) {
        clearTimeout(t);
        if (!r.ok) {
          return r.text().then(function (body) {
            var detail = body;
            try { detail = JSON.parse(body).detail || body; } catch (e) { /* not JSON */ }
            throw new Error(path.replace('../', '/') + ': HTTP ' + r.status + (detail ? ' – ' + detail : ''));
          });
        }
        return r.json();
      }, function (e) {
        clearTimeout(t);
        throw new Error(path.replace('../', '/') + ': ' + (e.name === 'AbortError' ? 'no answer within 4 s' : e.message));
      });
  }

  // ---- charts

  function baseOptions() {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { labels: { color: COLORS.muted, boxWidth: 12 } } },
      scales: {
        x: { ticks: { color: COLORS.muted, maxRotation: 0, autoSkip: true }, grid: { color: COLORS.grid } },
        y: { ticks: { color: COLORS.muted }, grid: { color: COLORS.grid }, beginAtZero: true }
      }
    };
  }

  function createCharts() {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var trend = baseOptions();
    trend.scales.y = { position: 'left', min: 0, max: 100, ticks: { color: COLORS.muted, callback: function (v) { return v + '%'; } }, grid: { color: COLORS.grid }, title: { display: true, text: 'hit rate', color: COLORS.muted } };
    trend.scales.x.stacked = true;
    trend.scales.y1 = { position: 'right', stacked: true, beginAtZero: true, ticks: { color: COLORS.muted }, grid: { drawOnChartArea: false }, title: { display: true, text: 'requests / min', color: COLORS.muted } };
    trend.interaction = { mode: 'index', intersect: false };
    state.charts.trend = new Chart($('trend-chart'), {
      data: {
        labels: [],
        datasets: [
          { type: 'line', label: 'hit rate %', data: [], yAxisID: 'y', borderColor: COLORS.ok, backgroundColor: 'rgba(63,191,127,.12)', fill: true, pointRadius: 3, cubicInterpolationMode: 'monotone', spanGaps: true, order: 1 },
          { type: 'bar', label: 'hits / min', data: [], yAxisID: 'y1', stack: 'requests', backgroundColor: 'rgba(78,161,255,.5)', order: 2 },
          { type: 'bar', label: 'misses / min', data: [], yAxisID: 'y1', stack: 'requests', backgroundColor: 'rgba(239,83,80,.6)', order: 3 }
        ]
      },
      options: trend
    });

    var hit = baseOptions();
    hit.indexAxis = 'y';
    hit.plugins.legend.display = false;
    hit.scales.x = { min: 0, max: 100, ticks: { color: COLORS.muted, callback: function (v) { return v + '%'; } }, grid: { color: COLORS.grid } };
    hit.scales.y = { ticks: { color: COLORS.text || '#dbe4ee' }, grid: { display: false } };
    state.charts.hitRate = new Chart($('hitrate-chart'), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'hit rate %', data: [], backgroundColor: [] }] },
      options: hit
    });

    var lat = baseOptions();
    state.charts.latency = new Chart($('latency-chart'), {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { label: 'get p50', data: [], backgroundColor: 'rgba(78,161,255,.7)' },
          { label: 'get p99', data: [], backgroundColor: 'rgba(240,180,41,.75)' },
          { label: 'load avg', data: [], backgroundColor: 'rgba(133,151,168,.6)' }
        ]
      },
      options: lat
    });
  }

  // ---- rendering

  function renderTrend(points, windowMinutes) {
    var withDate = windowMinutes > 1440;
    var c = state.charts.trend;
    c.data.labels = points.map(function (p) { return p.live ? 'now' : utc(p.at, withDate); });
    // a minute without requests has no hit rate: a gap, not 0 %
    c.data.datasets[0].data = points.map(function (p) { return num(p.requests) > 0 ? +(num(p.hitRate) * 100).toFixed(2) : null; });
    c.data.datasets[1].data = points.map(function (p) { return Math.max(0, num(p.requests) - num(p.misses)); });
    c.data.datasets[2].data = points.map(function (p) { return num(p.misses); });
    c.update('none');
    $('trend-caption').textContent = points.length
      ? '· all caches, ' + points.length + ' points, UTC'
      : '· no points yet (one per minute)';
  }

  function renderCaches(caches) {
    var sorted = caches.slice().sort(function (a, b) { return a.name < b.name ? -1 : 1; });
    // a cache nobody asked has no hit rate or latency yet: the charts show the others
    var used = sorted.filter(function (c) { return num(c.requests) > 0; });
    var h = state.charts.hitRate;
    h.data.labels = used.map(function (c) { return c.name; });
    h.data.datasets[0].data = used.map(function (c) { return +(num(c.hitRate) * 100).toFixed(2); });
    h.data.datasets[0].backgroundColor = used.map(function (c) { return rateColor(num(c.hitRate)); });
    h.update('none');

    var l = state.charts.latency;
    l.data.labels = used.map(function (c) { return c.name; });
    l.data.datasets[0].data = used.map(function (c) { return num(c.getP50Millis); });
    l.data.datasets[1].data = used.map(function (c) { return num(c.getP99Millis); });
    l.data.datasets[2].data = used.map(function (c) { return num(c.loadAvgMillis); });
    l.update('none');
    $('hitrate-caption').textContent = used.length < sorted.length ? '· ' + (sorted.length - used.length) + ' caches without requests left out' : '';

    var requests = 0, hits = 0;
    var rows = sorted.map(function (c) {
      requests += num(c.requests);
      hits += num(c.hits);
      var rate = num(c.hitRate);
      var asked = num(c.requests) > 0;
      var bar = el('div', { 'class': 'bar' }, [el('i', { style: 'width:' + (asked ? rate * 100 : 0).toFixed(1) + '%;background:' + rateColor(rate) })]);
      var tiers = el('td', {}, (c.tiers || []).map(function (t) { return pill(t.tier + ' ' + t.status); }));
      tiers.querySelectorAll('.pill').forEach(function (p, i) { p.className = 'pill ' + String((c.tiers[i] || {}).status); });
      return el('tr', {}, [
        td(c.name),
        td(count(c.requests), 'num'),
        el('td', {}, [el('div', { 'class': 'rate' }, [el('span', { text: asked ? pct(rate) : '–' }), bar])]),
        td(ms(c.getP50Millis), 'num'),
        td(ms(c.getP99Millis), 'num'),
        td(ms(c.loadAvgMillis), 'num'),
        td(count(c.entries), 'num'),
        td(bytes(c.bytes), 'num'),
        td(count(c.evictions), 'num'),
        td(count(c.expirations), 'num'),
        td(count(c.warmupRequests), 'num'),
        tiers
      ]);
    });
    fill($('caches').tBodies[0], rows, 12, 'no cache has been created yet');
    $('total-hit-rate').textContent = requests ? pct(hits / requests) : '–';
    $('total-hit-rate').style.color = requests ? rateColor(hits / requests) : '';
    $('total-requests').textContent = count(requests) + ' requests, ' + count(hits) + ' hits in ' + sorted.length + ' caches (since start)';
  }

  function renderMembers(members, scope) {
    var rows = (members || []).map(function (m) {
      var asked = num(m.requests) > 0;
      return el('tr', {}, [
        td(m.member + (m.local ? ' (this one)' : '')),
        td(count(m.requests), 'num'),
        td(asked ? pct(num(m.hitRate)) : '–'),
        td(count(m.warmupRequests), 'num'),
        td(m.takenAt ? new Date(m.takenAt).toLocaleTimeString() : '–')
      ]);
    });
    fill($('members').tBodies[0], rows, 5, 'no member has published its figures yet');
    $('members-caption').textContent = scope === 'cluster'
      ? '· cluster of ' + rows.length + ': the figures below are summed over the members'
      : '· this instance only';
  }

  function renderHealth(health) {
    health = health || {};
    $('health-score').textContent = health.score === undefined ? '–' : Math.round(health.score);
    var s = $('health-status');
    s.textContent = health.status || '–';
    s.className = 'status ' + (health.status || '');
    $('health-method').textContent = health.method || '';
    var list = $('health-components');
    list.textContent = '';
    Object.keys(health.components || {}).forEach(function (k) {
      var v = health.components[k];
      list.appendChild(el('li', {}, [el('span', { text: k }), document.createTextNode(typeof v === 'number' ? String(Math.round(v * 10) / 10) : String(v))]));
    });
  }

  function renderAlerts(alerts) {
    var order = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
    var sorted = alerts.slice().sort(function (a, b) { return (order[a.severity] || 9) - (order[b.severity] || 9); });
    var rows = sorted.map(function (a) {
      return el('tr', { 'data-rule': String(a.rule), 'data-cache': String(a.cache || '') }, [
        el('td', {}, [pill(a.severity)]),
        td(a.rule),
        td(a.cache || '–'),
        td(a.message),
        td(a.value === null || a.value === undefined ? '–' : String(Math.round(a.value * 1000) / 1000), 'num'),
        td(a.threshold === null || a.threshold === undefined ? '–' : String(a.threshold), 'num'),
        td(utc(a.openedAt, true))
      ]);
    });
    fill($('alerts').tBodies[0], rows, 7, 'no active alert');
    $('alert-count').textContent = String(alerts.length);
    $('alert-count').style.color = alerts.length ? COLORS.bad : COLORS.ok;
    var by = {};
    alerts.forEach(function (a) { by[a.severity] = (by[a.severity] || 0) + 1; });
    $('alert-breakdown').textContent = alerts.length
      ? Object.keys(by).sort(function (a, b) { return order[a] - order[b]; }).map(function (k) { return by[k] + ' ' + k; }).join(', ')
      : 'all rules within their thresholds';
  }

  function renderSuggestions(suggestions) {
    var list = $('suggestions');
    list.textContent = '';
    if (!suggestions.length) {
      list.appendChild(el('li', { 'class': 'muted', text: 'nothing to suggest: the figures look fine' }));
      return;
    }
    suggestions.forEach(function (s) {
      var evidence = Object.keys(s.evidence || {}).map(function (k) { return k + ' ' + s.evidence[k]; }).join(' · ');
      list.appendChild(el('li', {}, [
        el('div', { 'class': 'title', text: (s.cache ? s.cache + ': ' : '') + s.title }),
        el('div', { text: s.action }),
        el('div', { 'class': 'evidence', text: evidence ? 'evidence: ' + evidence : '' })
      ]));
    });
  }

  function renderWarmup(warmup) {
    warmup = warmup || {};
    var runs = warmup.recentRuns || [];
    var rows = runs.map(function (r) {
      return el('tr', {}, [
        td(utc(r.startedAt, true)),
        td(r.trigger),
        td(ms(r.durationMillis), 'num'),
        td(num(r.tasksCompleted) + ' / ' + num(r.tasksTotal), 'num'),
        td(String(num(r.tasksFailed)), 'num' + (num(r.tasksFailed) ? ' bad' : '')),
        td(count(r.entriesWarmed), 'num')
      ]);
    });
    fill($('warmups').tBodies[0], rows, 6, 'no warm-up run yet');
    $('warmup-state').textContent = warmup.running ? 'running' : 'idle';
    $('warmup-last').textContent = runs.length
      ? 'last: ' + runs[0].trigger + ' at ' + utc(runs[0].startedAt, true) + ', ' + count(runs[0].entriesWarmed) + ' entries'
      : 'no run yet';
  }

  function showProblems() {
    var box = $('problems');
    box.hidden = state.problems.length === 0;
    box.textContent = state.problems.join(' · ');
  }

  // ---- the live "now" point

  var previousTotals = null;

  /** Per-minute requests, hits and misses since the previous dashboard answer; null the first time. */
  function livePoint(d) {
    var t = { at: d.generatedAt, requests: 0, hits: 0, misses: 0 };
    (d.caches || []).forEach(function (c) { t.requests += num(c.requests); t.hits += num(c.hits); t.misses += num(c.misses); });
    var before = previousTotals;
    previousTotals = t;
    if (!before || !t.at || !before.at) { return null; }
    var minutes = (new Date(t.at) - new Date(before.at)) / 60000;
    if (!(minutes > 0) || t.requests < before.requests) { return null; }
    var perMinute = function (now, then) { return Math.round(Math.max(0, now - then) / minutes); };
    var requests = perMinute(t.requests, before.requests);
    var hits = Math.min(requests, perMinute(t.hits, before.hits));
    return { at: t.at, cache: 'all', live: true, requests: requests, hits: hits,
      misses: Math.min(requests, perMinute(t.misses, before.misses)),
      hitRate: requests ? hits / requests : 0 };
  }

  // ---- the refresh loop

  function windowMinutes() { return parseInt($('window').value, 10) || 60; }

  function refresh() {
    var minutes = windowMinutes();
    var dashboard = fetchJson(API + 'dashboard');
    var series = fetchJson(API + 'monitoring/metrics?duration_minutes=' + minutes + '&cache=all');
    return Promise.allSettled([dashboard, series]).then(function (results) {
      var problems = [];
      var d = results[0].status === 'fulfilled' ? results[0].value : null;
      var points = results[1].status === 'fulfilled' ? (results[1].value.points || []) : null;
      if (!d) { problems.push(results[0].reason.message); }
      if (!points) { problems.push(results[1].reason.message); }
      if (d) {
        renderHealth(d.health);
        renderMembers(d.members, d.scope);
        renderCaches(d.caches || []);
        renderAlerts(d.alerts || []);
        renderSuggestions(d.suggestions || []);
        renderWarmup(d.warmup);
        $('instance').textContent = 'instance ' + (d.instance || '?');
      }
      // the stored minutes (or, if the series failed, the dashboard's copy of them without its
      // live point, whose counts are totals since start), then a "now" point of this page's own:
      // the change of the caches' totals since the previous refresh, per minute
      var trend = points ? points.slice() : (d && d.trend ? d.trend.slice(0, -1) : []);
      var now = d ? livePoint(d) : null;
      if (now && (!trend.length || new Date(now.at) > new Date(trend[trend.length - 1].at))) { trend.push(now); }
      if (points || d) { renderTrend(trend, minutes); }
      state.problems = problems;
      state.refreshes++;
      state.lastRefresh = new Date().toISOString();
      $('updated').textContent = (problems.length ? 'partly updated ' : 'updated ') + utc(state.lastRefresh) + ':' + state.lastRefresh.substring(17, 19) + ' UTC';
      showProblems();
    });
  }

  function schedule() {
    clearTimeout(state.timer);
    if (!state.paused) {
      state.timer = setTimeout(function () { refresh().finally(schedule); }, REFRESH_MS);
    }
  }

  function start() {
    if (typeof Chart === 'undefined') {
      state.problems = ['the charting library did not load (../webjars/chart.js/…/chart.umd.js)'];
      showProblems();
      return;
    }
    createCharts();
    $('window').addEventListener('change', function () { refresh(); });
    $('pause').addEventListener('click', function () {
      state.paused = !state.paused;
      $('pause').textContent = state.paused ? 'Resume' : 'Pause';
      schedule();
    });
    refresh().finally(schedule);
  }

  start();
}());
