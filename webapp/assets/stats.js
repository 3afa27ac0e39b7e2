// The stats panel: this server's connections, messages and rooms, polled over HTTP.

import { chart } from './chart.js';
import { parseJson } from './json.js';
import { showStatus } from './panel.js';
import { formatCount, formatRate, t } from './strings.js';

const ENDPOINTS = ['echo', 'rewrite', 'room'];
const EVERY_MS = 2000;
const SAMPLES = 60; // two minutes

/**
 * The server's `stats` answer as plain numbers, per endpoint in the order of ENDPOINTS, or null if
 * it is not the JSON the page expects.
 */
function readStats(text) {
  const json = parseJson(text);
  const count = (value) => (Number.isSafeInteger(value) && value >= 0 ? value : null);
  const each = (object) => ENDPOINTS.map((name) => count(object?.[name]));
  const stats = {
    uptime: count(json?.uptimeSeconds),
    connections: each(json?.connections),
    in: each(json?.messagesIn),
    out: each(json?.messagesOut),
    rooms: count(json?.rooms),
    members: count(json?.members),
  };
  return Object.values(stats).flat().includes(null) ? null : stats;
}

/**
 * Messages per second in and out between two answers, from their running totals; null for both
 * after a restart (the server's uptime or a total went down), when the difference means nothing.
 */
function rates(before, now, seconds) {
  const sum = (counts) => counts.reduce((a, b) => a + b, 0);
  const restarted = now.uptime < before.uptime
    || now.in.some((n, i) => n < before.in[i]) || now.out.some((n, i) => n < before.out[i]);
  if (restarted || seconds <= 0) {
    return { in: null, out: null };
  }
  return { in: (sum(now.in) - sum(before.in)) / seconds, out: (sum(now.out) - sum(before.out)) / seconds };
}

/**
 * Polls `stats` (relative to this page, so any context root works) every 2 s while the page is
 * visible, and shows the last 60 samples as numbers and charts. The status element's data-state is
 * "connecting" until the first answer, then "live" or "unavailable"; polling goes on either way.
 */
export function statsPanel() {
  const status = document.getElementById('stats-status');
  const url = new URL('stats', location.href);
  const stat = (name) => document.querySelector(`#stats [data-stat="${name}"]`);
  const drawConnections = chart('connections', ENDPOINTS, SAMPLES);
  const drawMessages = chart('messages', ['in', 'out'], SAMPLES);
  const drawRooms = chart('rooms', ['rooms', 'members'], SAMPLES);
  const samples = [];
  let previous = null; // the last answer and when it came, for the rates
  let timer = null;
  let polling = false;

  function record(stats, at) {
    const rate = previous ? rates(previous.stats, stats, (at - previous.at) / 1000) : { in: null, out: null };
    previous = { stats, at };
    samples.push({ ...stats, rate });
    if (samples.length > SAMPLES) {
      samples.shift();
    }
    ENDPOINTS.forEach((name, i) => { stat(`connections.${name}`).textContent = formatCount(stats.connections[i]); });
    stat('rooms').textContent = formatCount(stats.rooms);
    stat('members').textContent = formatCount(stats.members);
    stat('in-per-second').textContent = rate.in === null ? t('none') : formatRate(rate.in);
    stat('out-per-second').textContent = rate.out === null ? t('none') : formatRate(rate.out);
    drawConnections(ENDPOINTS.map((name, i) => samples.map((sample) => sample.connections[i])));
    drawMessages([samples.map((sample) => sample.rate.in), samples.map((sample) => sample.rate.out)]);
    drawRooms([samples.map((sample) => sample.rooms), samples.map((sample) => sample.members)]);
    showStatus(status, 'live', t('stats.live'));
  }

  async function update() {
    let response;
    let text;
    try {
      response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
      text = response.status === 200 ? await response.text() : null;
    } catch {
      showStatus(status, 'unavailable', t('stats.unavailable', t('stats.network')));
      return;
    }
    if (response.status !== 200) {
      showStatus(status, 'unavailable', t('stats.unavailable', t('stats.status', response.status)));
      return;
    }
    const stats = readStats(text);
    if (stats) {
      record(stats, performance.now());
    } else {
      showStatus(status, 'unavailable', t('stats.unavailable', t('stats.invalid')));
    }
  }

  // One request at a time; the next one 2 s after an answer, never while nobody can see the page.
  async function poll() {
    timer = null;
    polling = true;
    try {
      await update();
    } finally { // even after a fault of this page's own: the next answer may draw again
      polling = false;
      if (!document.hidden) {
        timer = setTimeout(poll, EVERY_MS);
      }
    }
  }

  document.addEventListener('visibilitychange', () => {
    clearTimeout(timer);
    timer = null;
    if (!document.hidden && !polling) {
      poll();
    }
  });
  if (!document.hidden) {
    poll();
  }
}
