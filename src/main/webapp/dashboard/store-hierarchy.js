/* The store hierarchy's panel: per-level figures and the memory budget from
   /api/v1/stores/cache/stats (the same figures as stratacache_store_hierarchy_* in /metrics), every 5 s. */
(function () {
  'use strict';
  function cell(text, num) {
    var td = document.createElement('td');
    td.textContent = text;
    if (num) { td.className = 'num'; }
    return td;
  }
  function bytes(v) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var i = 0;
    v = typeof v === 'number' && isFinite(v) ? v : 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
  }
  function ttl(seconds) {
    if (!seconds) { return '–'; }
    if (seconds % 3600 === 0) { return seconds / 3600 + ' h'; }
    if (seconds % 60 === 0) { return seconds / 60 + ' min'; }
    return seconds + ' s';
  }
  function render(s) {
    var body = document.querySelector('#store-levels tbody');
    if (!body) { return; }
    body.textContent = '';
    (s.levels || []).forEach(function (l) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-level', String(l.level));
      tr.setAttribute('data-cache', l.cache);
      tr.appendChild(cell(l.level + ' · ' + l.name));
      tr.appendChild(cell(l.cache));
      tr.appendChild(cell(l.entries, true));
      tr.appendChild(cell(bytes(l.bytes), true));
      tr.appendChild(cell(l.requests, true));
      tr.appendChild(cell((l.hitRate * 100).toFixed(1) + '%', true));
      tr.appendChild(cell(l.budgetEvictions, true));
      tr.appendChild(cell(ttl(l.nearTtlSeconds) + ' / ' + ttl(l.gridTtlSeconds)));
      body.appendChild(tr);
    });
    var b = s.budget || {};
    var c = s.compression || {};
    var summary = document.getElementById('store-budget');
    summary.setAttribute('data-used', String(b.usedBytes));
    summary.setAttribute('data-budget', String(b.bytes));
    summary.textContent = 'budget ' + bytes(b.usedBytes) + ' of ' + bytes(b.bytes) +
      ' (' + (b.usedPercent || 0).toFixed(1) + '%) · level 1 gzip saves ' +
      (c.savedPercent || 0).toFixed(1) + '% · ' + s.hotStores + ' hot stores';
  }
  function refresh() {
    fetch('../api/v1/stores/cache/stats', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (o) { if (o) { render(o); } })
      .catch(function () { /* the main panel reports connection problems */ });
  }
  refresh();
  setInterval(refresh, 5000);
}());
