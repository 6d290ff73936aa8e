/* The response cache's panel: per-rule counters from /api/v1/cache/responses/stats, every 5 s. */
(function () {
  'use strict';
  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    if (typeof text === 'number') { td.className = 'num'; }
    return td;
  }
  function render(rules) {
    var body = document.querySelector('#http-rules tbody');
    if (!body) { return; }
    body.textContent = '';
    if (!rules.length) {
      var tr = document.createElement('tr');
      tr.className = 'empty';
      var td = cell('no enabled rule');
      td.colSpan = 9;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    rules.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-rule', r.rule);
      [r.rule, r.hits, r.misses, r.stale, r.bypass, r.revalidated, r.notModified, r.bytes,
        (r.savedMillis / 1000).toFixed(1) + ' s'].forEach(function (v) { tr.appendChild(cell(v)); });
      body.appendChild(tr);
    });
  }
  function refresh() {
    fetch('../api/v1/cache/responses/stats', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : { rules: [] }; })
      .then(function (o) { render(o.rules || []); })
      .catch(function () { /* the main panel reports connection problems */ });
  }
  refresh();
  setInterval(refresh, 5000);
}());
