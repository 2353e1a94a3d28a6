// The async lessons demo: one server-side burst per run, a ping lane beside it, and an SVG timeline of both.
// Everything shown is set as text or built as SVG nodes; no markup is ever parsed from strings. An ES module.
import {$, statusLine} from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PING_EVERY_MS = 100;
const PING_TAIL_MS = 300;
const PING_TIMEOUT_MS = 30000;
const JSON_HEADERS = {Accept: 'application/json'};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const plural = (count, word) => count + ' ' + word + (count === 1 ? '' : 's');

// --- controls ---------------------------------------------------------------------------------------------

function chosenStyle() {
    return $('style').value;
}

/** The single-style endpoint's query: what the "try it" line shows. */
function styleQuery(style) {
    const query = new URLSearchParams({ms: $('ms').value});
    if (style === 'parallel') query.set('n', $('fanout').value);
    return query;
}

function burstQuery(style) {
    const query = styleQuery(style);
    query.set('c', $('concurrency').value);
    query.set('style', style);
    return query;
}

/** Shows the chosen style's note, the fan-out field for parallel, and the equivalent curl command. */
function showStyle() {
    const style = chosenStyle();
    for (const note of document.querySelectorAll('#style-notes [data-style]')) {
        note.hidden = note.dataset.style !== style;
    }
    $('fanout-field').hidden = style !== 'parallel';
    $('fanout').disabled = style !== 'parallel'; // a disabled field is not validated while hidden
    const url = new URL('api/demo/' + style + '?' + styleQuery(style), document.baseURI);
    $('try-it').textContent = "curl '" + url.href + "'";
}

const setStatus = statusLine('status');

// --- requests ---------------------------------------------------------------------------------------------

/** The detail of a problem+json answer, or the status line when the body is not one. */
async function problemDetail(response) {
    try {
        const problem = await response.json();
        return problem.detail || problem.title || 'HTTP ' + response.status;
    } catch {
        return 'HTTP ' + response.status + ' ' + response.statusText;
    }
}

async function fetchBurst(query) {
    const response = await fetch('api/demo/burst?' + query, {cache: 'no-store', headers: JSON_HEADERS});
    if (!response.ok) throw new Error(await problemDetail(response));
    return response.json();
}

/** One ping; its HTTP status, or 0 when it got no answer. */
async function ping() {
    try {
        const response = await fetch('api/hello/ping', {
            cache: 'no-store', headers: JSON_HEADERS, signal: AbortSignal.timeout(PING_TIMEOUT_MS)
        });
        await response.json();
        return response.status;
    } catch {
        return 0;
    }
}

/**
 * Pings every 100 ms, one at a time, until stopped: {done} resolves to the pings, each with its send time
 * relative to t0 and its latency; stop(afterMs) lets it go on a little longer.
 */
function startPings(t0) {
    let stopAt = Infinity;
    const pings = [];
    const done = (async () => {
        while (performance.now() < stopAt) {
            const sent = performance.now();
            const status = await ping();
            const answered = performance.now();
            pings.push({startMs: sent - t0, latencyMs: answered - sent, status});
            await sleep(Math.min(PING_EVERY_MS - (answered - sent), stopAt - answered));
        }
        return pings;
    })();
    return {done, stop: (afterMs) => { stopAt = performance.now() + afterMs; }};
}

async function run() {
    if ($('run').disabled) return;
    const style = chosenStyle();
    const query = burstQuery(style);
    $('run').disabled = true;
    $('results').hidden = true;
    setStatus('running… ' + plural(Number(query.get('c')), style + ' request') + ' of ' + query.get('ms') + ' ms');
    const lane = startPings(performance.now());
    let burst = null;
    let failure = null;
    try {
        burst = await fetchBurst(query);
    } catch (error) {
        failure = error;
    }
    lane.stop(failure ? 0 : PING_TAIL_MS);
    const pings = await lane.done;
    $('run').disabled = false;
    if (failure) {
        setStatus(failure instanceof TypeError ? 'The burst failed: ' + failure.message : failure.message, true);
        return;
    }
    showResults(burst, pings);
}

// --- numbers ----------------------------------------------------------------------------------------------

const isOk = (request) => request.status >= 200 && request.status < 300;

/** The nearest-rank percentile of sorted numbers. */
function percentile(sorted, p) {
    return sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : null;
}

function failureCodes(requests) {
    const counts = new Map();
    for (const request of requests.filter((r) => !isOk(r))) {
        const code = request.code || 'status ' + request.status;
        counts.set(code, (counts.get(code) || 0) + 1);
    }
    return [...counts].map(([code, count]) => code + ' × ' + count).join(', ') || '—';
}

/** How many container threads received the requests, and whether the same threads answered them. */
function threadSummary(requests) {
    const known = requests.filter((r) => r.receivedOn);
    if (!known.length) return 'no thread names reported';
    const head = plural(known.length, 'request') + ' on '
        + plural(new Set(known.map((r) => r.receivedOn)).size, 'container thread');
    const resumed = known.filter((r) => r.resumedOn);
    const held = resumed.filter((r) => r.resumedOn === r.receivedOn).length;
    if (!resumed.length) return head;
    if (held === resumed.length) return head + ', resumed on the same thread (held)';
    if (held * 2 > resumed.length) return head + ', resumed on the same thread (held) for ' + held + ' of them';
    const others = new Set(resumed.filter((r) => r.resumedOn !== r.receivedOn).map((r) => r.resumedOn));
    return head + ', resumed on ' + plural(others.size, 'other thread') + ' (released), e.g. ' + [...others][0];
}

function showResults(burst, pings) {
    const requests = [...(burst.requests || [])]
        .sort((a, b) => a.startMs - b.startMs || a.latencyMs - b.latencyMs);
    const latencies = requests.map((r) => r.latencyMs).sort((a, b) => a - b);
    const ok = requests.filter(isOk).length;
    const answered = pings.filter((p) => p.status !== 0).map((p) => p.latencyMs);
    $('total-ms').textContent = burst.totalMs;
    $('ok-count').textContent = ok;
    $('failed-count').textContent = requests.length - ok;
    $('failure-codes').textContent = failureCodes(requests);
    $('p50-ms').textContent = percentile(latencies, 0.5) ?? '—';
    $('max-ms').textContent = percentile(latencies, 1) ?? '—';
    $('ping-max-ms').textContent = answered.length ? Math.round(Math.max(...answered)) : '—';
    $('threads').textContent = threadSummary(requests);
    $('results').hidden = false;
    drawChart(requests, pings, burst.totalMs);
    setStatus('done: ' + ok + ' of ' + plural(requests.length, burst.style + ' request') + ' answered 2xx in '
        + burst.totalMs + ' ms; ' + plural(pings.length, 'ping') + ' sent meanwhile.');
}

// --- chart ------------------------------------------------------------------------------------------------

function svg(name, attributes, parent, text) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    parent.append(node);
    return node;
}

/** A round tick step (1, 2 or 5 times a power of ten) giving about five ticks up to end. */
function tickStep(end) {
    const raw = end / 5;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    return [1, 2, 5, 10].map((f) => f * magnitude).find((step) => step >= raw);
}

const requestKind = (r) => (isOk(r) ? 'ok' : r.status === 0 ? 'lost' : 'failed');
const pingKind = (p) => (p.status === 0 ? 'lost'
    : p.latencyMs < 100 ? 'fast' : p.latencyMs < 1000 ? 'slow' : 'stalled');

function requestTitle(r, i) {
    const threads = r.receivedOn ? ', ' + r.receivedOn + ' → ' + (r.resumedOn || '?') : '';
    return '#' + (i + 1) + ' sent at ' + r.startMs + ' ms, took ' + r.latencyMs + ' ms, status ' + r.status
        + (r.code ? ' (' + r.code + ')' : '') + threads;
}

function drawChart(requests, pings, totalMs) {
    const chart = $('chart');
    chart.replaceChildren();
    const width = Math.max(320, Math.min(800, document.querySelector('main').clientWidth));
    const left = 58, right = 12, top = 20;
    const step = requests.length ? Math.min(6, Math.max(0.6, 300 / requests.length)) : 6;
    const laneTop = top + Math.max(step * requests.length, 6) + 10;
    const axisY = laneTop + 24;
    const height = axisY + 20;
    const ends = [...requests.map((r) => r.startMs + r.latencyMs), ...pings.map((p) => p.startMs + p.latencyMs)];
    const end = Math.max(10, totalMs, ...ends) * 1.02;
    const x = (ms) => left + (ms / end) * (width - left - right);
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    chart.setAttribute('aria-label', 'Timeline of ' + plural(requests.length, 'request') + ' and '
        + plural(pings.length, 'ping') + ' over ' + totalMs + ' ms');

    const tick = tickStep(end);
    for (let t = 0; t <= end; t += tick) {
        svg('line', {class: 'grid', x1: x(t), x2: x(t), y1: top, y2: axisY}, chart);
        svg('text', {class: 'tick', x: x(t), y: axisY + 14, 'text-anchor': 'middle'}, chart, String(+t.toFixed(3)));
    }
    svg('text', {class: 'lane', x: left - 6, y: top + 9, 'text-anchor': 'end'}, chart, 'requests');
    requests.forEach((r, i) => {
        const bar = svg('rect', {
            class: 'req ' + requestKind(r), x: x(r.startMs), y: top + i * step,
            width: Math.max(1, x(r.startMs + r.latencyMs) - x(r.startMs)), height: Math.max(0.5, step * 0.75)
        }, chart);
        svg('title', {}, bar, requestTitle(r, i));
    });
    svg('text', {class: 'lane', x: left - 6, y: laneTop + 11, 'text-anchor': 'end'}, chart, 'ping');
    for (const p of pings) {
        const mark = svg('rect', {
            class: 'ping ' + pingKind(p), x: x(p.startMs), y: laneTop,
            width: Math.max(2, x(p.startMs + p.latencyMs) - x(p.startMs)), height: 14
        }, chart);
        svg('title', {}, mark, 'ping sent at ' + Math.round(p.startMs) + ' ms, took ' + Math.round(p.latencyMs)
            + ' ms' + (p.status === 0 ? ', no answer' : ''));
    }
    const totalX = x(totalMs);
    svg('line', {class: 'total', x1: totalX, x2: totalX, y1: top - 6, y2: axisY}, chart);
    const nearLeft = totalX - left < 90;
    const labelAt = {x: totalX + (nearLeft ? 4 : -4), y: top - 9, 'text-anchor': nearLeft ? 'start' : 'end'};
    svg('text', {class: 'total-label', ...labelAt}, chart, 'total ' + totalMs + ' ms');
}

// --- wiring -----------------------------------------------------------------------------------------------

$('demo').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
});
$('demo').addEventListener('input', showStyle);
showStyle();
