// The operations page: the services' journals merged, latency and failure charts (Chart.js),
// the rate limiter and the Kafka consumer lag, refreshed every few seconds while "live" is on.
import { h } from '/dom.js';

const REFRESH_MS = 5000;
const $ = (id) => document.getElementById(id);
const charts = {};
let series = [];
let timer = null;

async function get(path) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

const keyOf = (s) => `${s.provider ?? 'none'} · ${s.model ?? 'none'} · ${s.operation}`;
const ms = (v) => (v === null || v === undefined ? '–' : String(v));
const time = (iso) => new Date(iso).toISOString().slice(11, 19);
const rate = (s) => (s.count - s.skipped > 0 ? s.failures / (s.count - s.skipped) : 0);

const unanswered = {};

function showUnanswered(section, ...merged) {
  unanswered[section] = Object.assign({}, ...merged.map((m) => m.unanswered || {}));
  const down = Object.assign({}, ...Object.values(unanswered));
  const names = Object.entries(down);
  $('unanswered').hidden = names.length === 0;
  $('unanswered').textContent = names.map(([s, why]) => `${s} did not answer (${why})`).join(' · ');
}

function fillKeys() {
  const select = $('series-key');
  const calls = {};
  series.forEach((s) => { calls[keyOf(s)] = (calls[keyOf(s)] || 0) + s.count; });
  const keys = Object.keys(calls).sort((a, b) => calls[b] - calls[a]); // busiest first
  const current = select.value;
  select.replaceChildren(...keys.map((k) => h('option', { value: k, text: k })));
  if (keys.includes(current)) select.value = current;
  else if (keys.length) select.value = keys[0];
}

function chart(id, type, labels, datasets, yTitle) {
  if (charts[id]) {
    charts[id].data.labels = labels;
    charts[id].data.datasets = datasets;
    charts[id].update('none');
    return;
  }
  charts[id] = new Chart($(id), {
    type, data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } } },
      plugins: { legend: { position: 'bottom' } } },
  });
}

function drawCharts() {
  const key = $('series-key').value;
  const buckets = [...new Set(series.map((s) => s.from))].sort();
  const pick = (from) => series.find((s) => s.from === from && keyOf(s) === key);
  const labels = buckets.map(time);
  const line = (label, field, color) => ({ label, borderColor: color, backgroundColor: color, spanGaps: true,
    data: buckets.map((b) => pick(b)?.[field] ?? null) });
  chart('latency-chart', 'line', labels, [line('p50 ms', 'p50Ms', '#1f8a4c'), line('p95 ms', 'p95Ms', '#b26b00'),
    line('p99 ms', 'p99Ms', '#c0392b')], 'milliseconds');
  chart('failure-chart', 'bar', labels, [{ label: 'failure rate %', backgroundColor: '#c0392b',
    data: buckets.map((b) => (pick(b) ? Math.round(rate(pick(b)) * 1000) / 10 : null)) }], 'percent');
}

function drawTotals(totals) {
  $('totals').tBodies[0].replaceChildren(...totals.map((s) => h('tr', {},
    h('td', { text: s.service }), h('td', { text: s.provider ?? '–' }), h('td', { text: s.model ?? '–' }),
    h('td', { text: s.operation }), h('td', { text: s.count }), h('td', { text: s.failures }),
    h('td', { text: s.skipped }), h('td', { text: `${(rate(s) * 100).toFixed(1)} %` }),
    h('td', { text: ms(s.p50Ms) }), h('td', { text: ms(s.p95Ms) }), h('td', { text: ms(s.p99Ms) }))));
}

async function toggleTrace(row, button) {
  const next = button.closest('tr').nextElementSibling;
  if (next?.classList.contains('trace-row')) { next.remove(); button.textContent = 'Stack trace'; return; }
  const full = await get(`/ops/api/operations/${row.service}/${row.id}`);
  button.closest('tr').after(h('tr', { class: 'trace-row' },
    h('td', { colspan: 11 }, h('pre', { class: 'trace',
      text: `${full.traceId ? `trace id ${full.traceId}\n\n` : ''}${full.errorTrace || 'no stack trace'}` }))));
  button.textContent = 'Hide trace';
}

function drawJournal(rows) {
  $('journal').tBodies[0].replaceChildren(...(rows.length ? rows.map((r) => h('tr', {},
    h('td', { text: new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 19) }),
    h('td', { text: r.service }), h('td', { text: r.operation }),
    h('td', { text: `${r.provider ?? '–'} / ${r.model ?? '–'}` }),
    h('td', { class: 'story', text: [r.storyId ?? '–', r.sceneNumber ?? '–', r.attempt ?? '–'].join(' · ') }),
    h('td', { class: r.status, text: r.status }), h('td', { class: 'step', text: r.step ?? '' }),
    h('td', { class: 'reason', text: r.errorMessage ?? r.outputSummary ?? '' }), h('td', { text: ms(r.durationMs) }),
    h('td', { class: 'trace-id', title: r.traceId ?? 'no trace (tracing off)', text: r.traceId ?? '–' }),
    h('td', {}, r.hasTrace ? h('button', { type: 'button', text: 'Stack trace',
      onclick: (e) => toggleTrace(r, e.target) }) : ''))) : [h('tr', {}, h('td', { colspan: 11, class: 'muted',
      text: 'no rows match' }))]));
}

function drawLimiter(states) {
  $('limiter').tBodies[0].replaceChildren(...states.map((s) => h('tr', {},
    h('td', { text: s.account }), h('td', { text: `${Number(s.tokens).toFixed(1)} / ${s.burst}` }),
    h('td', { text: s.imagesPerMinute }), h('td', { text: s.pausedForMs > 0 ? `${s.pausedForMs} ms` : 'not paused' }),
    h('td', { text: s.pausedForMs <= 0 ? '–' : s.unhintedStrikes > 0
      ? `${s.unhintedStrikes} × 429 without a wait` : '429 with Retry-After' }))));
}

function drawSpend(rows) {
  const usd = (v) => (v == null ? '–' : `$${Number(v).toFixed(4)}`);
  $('spend').tBodies[0].replaceChildren(...(rows.length ? rows.map((r) => h('tr', {},
    h('td', { text: r.day }), h('td', { text: r.service }), h('td', { text: `${r.provider ?? '–'} / ${r.model ?? '–'}` }),
    h('td', { text: r.calls }), h('td', { text: usd(r.estimatedUsd) }), h('td', { text: usd(r.actualUsd) })))
    : [h('tr', {}, h('td', { colspan: 6, class: 'muted', text: 'no priced calls' }))]));
}

function drawLag(lags) {
  $('lag').tBodies[0].replaceChildren(...lags.map((l) => h('tr', {},
    h('td', { text: l.group }), h('td', { text: l.topic }), h('td', { text: l.partitions }),
    h('td', { text: l.lag }))));
}

function journalQuery() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('filters'))) if (v) params.set(k, v);
  params.set('limit', '100');
  return `/ops/api/operations?${params}`;
}

async function section(name, load) {
  try { await load(); } catch (e) { console.warn(name, e); }
}

async function refresh() {
  const hours = $('hours').value;
  await Promise.all([
    section('series', async () => {
      const [slices, window] = await Promise.all([get(`/ops/api/stats?hours=${hours}&buckets=12`),
        get(`/ops/api/stats?hours=${hours}&buckets=1`)]);
      series = slices.items;
      fillKeys();
      drawCharts();
      drawTotals(window.items);
      showUnanswered('series', slices, window);
    }),
    section('journal', async () => {
      const journal = await get(journalQuery());
      drawJournal(journal.items);
      showUnanswered('journal', journal);
    }),
    section('spend', async () => {
      const spend = await get('/ops/api/spend?days=7');
      drawSpend(spend.items);
      showUnanswered('spend', spend);
    }),
    section('limiter', async () => drawLimiter(await get('/ops/api/limiter'))),
    section('lag', async () => drawLag(await get('/ops/api/lag'))),
  ]);
  $('refreshed').textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC`;
}

function live() {
  clearInterval(timer);
  if ($('live').checked) timer = setInterval(refresh, REFRESH_MS);
}

$('filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
$('series-key').addEventListener('change', drawCharts);
$('hours').addEventListener('change', refresh);
$('live').addEventListener('change', live);
refresh();
live();
