/*
 * The AI generation panel: figures from /api/ai/dashboard (open) every 5 s: the cluster's and this
 * instance's requests, hit rate, upstream calls, retries, mean upstream latency, tokens spent and
 * saved, and this instance's view of the upstream's circuit breaker. Values are written as text.
 */
(function () {
  'use strict';
  var panel = { refreshes: 0, last: null, problem: null };
  window.stratacacheAi = panel;

  function cell(text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    return td;
  }
  function n(v) { return typeof v === 'number' && isFinite(v) ? v : 0; }
  function row(scope, label, s) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-scope', scope);
    tr.appendChild(cell(label));
    [n(s.total_requests), s.hit_rate || '–', n(s.upstream_calls), n(s.retries)].forEach(function (v) {
      tr.appendChild(cell(String(v), 'num'));
    });
    tr.appendChild(cell(n(s.upstream_latency_avg_ms).toFixed(1) + ' ms', 'num'));
    tr.appendChild(cell(String(n(s.tokens_spent)), 'num'));
    tr.appendChild(cell(String(n(s.tokens_saved)), 'num'));
    return tr;
  }
  function render(o) {
    var body = document.querySelector('#ai-figures tbody');
    if (!body) { return; }
    body.textContent = '';
    if (o.stats) {
      body.appendChild(row(o.scope === 'cluster' ? 'cluster' : 'instance-only',
        o.scope === 'cluster' ? 'cluster' : 'this instance (cluster unreadable)', o.stats));
    }
    if (o.instance) { body.appendChild(row('instance', 'this instance', o.instance)); }
    var b = o.breaker || {};
    var breaker = document.getElementById('ai-breaker');
    if (breaker) {
      var state = b.mock ? 'mock' : b.open ? 'open' : 'closed';
      breaker.textContent = 'breaker ' + state + (b.open && b.openSince ? ' since ' + b.openSince : '');
      breaker.className = 'pill ' + (b.open ? 'DOWN' : 'UP');
      breaker.setAttribute('data-state', state);
    }
    var gen = document.getElementById('ai-generator');
    if (gen) { gen.textContent = o.stats && o.stats.generator === 'mock' ? 'mock generator (no OPENAI_API_KEY)' : 'upstream'; }
  }
  function refresh() {
    fetch('../api/ai/dashboard', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { throw new Error('/api/ai/dashboard: HTTP ' + r.status); }
        return r.json();
      })
      .then(function (o) { render(o); panel.refreshes++; panel.last = o; panel.problem = null; })
      .catch(function (e) { panel.problem = String(e.message || e); });
  }
  refresh();
  setInterval(refresh, 5000);
}());
