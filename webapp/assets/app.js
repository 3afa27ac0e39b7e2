// The duplex client page: one WebSocket per panel. Everything a server or another user sent is
// put in the page with textContent, never as HTML: room messages come from strangers.

const STRINGS = {
  en: {
    title: 'duplex: WebSocket echo, 吗 bot and rooms',
    tagline: 'WebSocket echo, the 吗 bot and chat rooms on one page.',
    connect: 'Connect',
    close: 'Close',
    send: 'Send',
    connecting: 'connecting…',
    connected: 'connected',
    disconnected: 'disconnected',
    lost: 'connection lost',
    retrying: 'reconnecting in {0} s',
    binary: '[binary message, {0} bytes]',
    'room.resync': 'Some messages from while you were away are no longer kept.',
    'echo.title': 'Echo',
    'echo.hint': 'Every message comes back unchanged.',
    'echo.placeholder': 'Type a message, press Enter',
    'rewrite.title': '吗 bot',
    'rewrite.hint': 'Ask “在吗？” and the bot answers “在!”.',
    'rewrite.placeholder': '在吗？',
    'room.title': 'Room',
    'room.name': 'Room',
    'room.nick': 'Nickname',
    'room.nickPlaceholder': 'optional',
    'room.members': 'Members',
    'room.more': 'and {0} more: a room this big does not announce arrivals and departures',
    'room.placeholder': 'Message the room',
    'room.you': 'you',
    'room.welcome': 'You joined {0} as {1}.',
    'room.joined': '{0} joined',
    'room.left': '{0} left',
    'room.error': 'error {0}: {1}',
    'stats.title': 'Stats',
    'stats.hint': 'This server, every 2 seconds, over the last 2 minutes.',
    'stats.live': 'live',
    'stats.unavailable': 'stats unavailable: {0}',
    'stats.network': 'network error',
    'stats.invalid': 'not the expected JSON',
    'stats.connections': 'Open connections',
    'stats.messages': 'Messages per second',
    'stats.in': 'In',
    'stats.out': 'Out',
    'stats.rooms': 'Rooms and members',
    'stats.roomCount': 'Rooms',
  },
  zh: {
    title: 'duplex：WebSocket 回声、吗机器人和聊天室',
    tagline: '一个页面：WebSocket 回声、“吗”机器人和聊天室。',
    connect: '连接',
    close: '关闭',
    send: '发送',
    connecting: '正在连接…',
    connected: '已连接',
    disconnected: '已断开',
    lost: '连接中断',
    retrying: '{0} 秒后重新连接',
    binary: '[二进制消息，{0} 字节]',
    'room.resync': '离开期间的部分消息已不再保留。',
    'echo.title': '回声',
    'echo.hint': '每条消息都会原样返回。',
    'echo.placeholder': '输入消息，按回车发送',
    'rewrite.title': '“吗”机器人',
    'rewrite.hint': '问“在吗？”，机器人答“在!”。',
    'rewrite.placeholder': '在吗？',
    'room.title': '聊天室',
    'room.name': '房间',
    'room.nick': '昵称',
    'room.nickPlaceholder': '可不填',
    'room.members': '成员',
    'room.more': '另有 {0} 人：人数这么多的房间不通知进出',
    'room.placeholder': '发消息到房间',
    'room.you': '我',
    'room.welcome': '你以 {1} 的身份进入了 {0}。',
    'room.joined': '{0} 加入了房间',
    'room.left': '{0} 离开了房间',
    'room.error': '错误 {0}：{1}',
    'stats.title': '统计',
    'stats.hint': '本服务器，每 2 秒更新，显示最近 2 分钟。',
    'stats.live': '实时',
    'stats.unavailable': '统计不可用：{0}',
    'stats.network': '网络错误',
    'stats.invalid': '应答不是预期的 JSON',
    'stats.connections': '打开的连接',
    'stats.messages': '每秒消息数',
    'stats.in': '收到',
    'stats.out': '发出',
    'stats.rooms': '房间和成员',
    'stats.roomCount': '房间',
  },
};

const LANG = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
const LOCALE = LANG === 'zh' ? 'zh-CN' : 'en';
// Bounds the page's memory on a busy room; the oldest entries go first.
const MAX_ENTRIES = 500;

function t(key, ...args) {
  const text = STRINGS[LANG][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[i]);
}

function localize() {
  document.documentElement.lang = LOCALE;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
}

/** ws: or wss: URL of an endpoint, relative to this page, so any context root and HTTPS work. */
function socketUrl(path) {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** Sets a panel's status line: data-state for CSS and tests, the text for people. */
function showStatus(status, state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function clockTime(date) {
  return date.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/**
 * Appends one line to a log: `parts` are [className, text] pairs, each in its own span. Follows
 * the newest line only if the reader was already at the bottom, so scrolling back is not undone.
 */
function addEntry(log, parts, kind) {
  const item = document.createElement('li');
  if (kind) {
    item.className = kind;
  }
  parts.forEach(([className, text], i) => {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    item.append(...(i > 0 ? [' ', span] : [span])); // the space keeps copied text readable
  });
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  log.append(item);
  while (log.childElementCount > MAX_ENTRIES) {
    log.firstElementChild.remove();
  }
  if (atBottom) {
    log.scrollTop = log.scrollHeight;
  }
  return item;
}

function parseJson(text) {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function closedText(event, byUser) {
  if (byUser) {
    return t('disconnected');
  }
  const reason = event.reason || (event.code === 1006 ? t('lost') : '');
  return `${t('disconnected')} (${reason ? `${event.code}: ${reason}` : event.code})`;
}

// Closes after which trying again can work: the server went away, restarts, is busy or failed, or
// the network dropped. After the others (1002, 1003, 1007, 1008, 1009, 1010: the client sent
// something the server refuses) the same request would only fail again.
const WORTH_RETRYING = new Set([1000, 1001, 1006, 1011, 1012, 1013, 1014]);
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30000;

/** Exponential backoff with jitter: between half and all of 0.5 s × 2^attempt, at most 30 s. */
function retryDelay(attempt) {
  const ceiling = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * ceiling / 2;
}

/**
 * Wires one panel, found by its id prefix, to one WebSocket at a time. The status element's
 * data-state is "connecting", "open", "retrying" or "closed", for people (CSS) and tests alike.
 * After a close that was not the user's and that trying again can mend, the panel reconnects by
 * itself with a growing delay and says so; `url(resuming)` then gets true. Returns the panel's log.
 */
function panel(prefix, { url, onMessage, onSend = () => {}, onClosed = () => {} }) {
  const el = (name) => document.getElementById(`${prefix}-${name}`);
  const status = el('status');
  const input = el('input');
  const connectButton = el('connect');
  const closeButton = el('close');
  const sendButton = el('send');
  const joinForm = el('join'); // only the room panel has one: its fields are fixed while connected
  let socket = null;
  let closedByUser = false;
  let attempt = 0;
  let retryTimer = null;

  function show(state, text) {
    showStatus(status, state, text);
    connectButton.disabled = state !== 'closed' && state !== 'retrying';
    closeButton.disabled = state === 'closed';
    sendButton.disabled = state !== 'open';
    joinForm?.querySelectorAll('input').forEach((field) => { field.disabled = state !== 'closed'; });
  }

  function stopRetrying() {
    clearTimeout(retryTimer);
    retryTimer = null;
  }

  function connect(resuming = false) {
    stopRetrying();
    if (socket) {
      return;
    }
    const ws = new WebSocket(socketUrl(url(resuming)));
    ws.binaryType = 'arraybuffer';
    socket = ws;
    closedByUser = false;
    show('connecting', t('connecting'));
    ws.addEventListener('open', () => {
      attempt = 0;
      show('open', t('connected'));
      input.focus();
    });
    ws.addEventListener('message', (event) => onMessage(event.data));
    ws.addEventListener('close', (event) => {
      socket = null;
      onClosed();
      const closed = closedText(event, closedByUser);
      if (closedByUser || !WORTH_RETRYING.has(event.code)) {
        attempt = 0;
        show('closed', closed);
        return;
      }
      const delay = retryDelay(attempt++);
      show('retrying', `${closed}, ${t('retrying', Math.ceil(delay / 1000))}`);
      retryTimer = setTimeout(() => connect(true), delay);
    });
  }

  if (joinForm) {
    // A submit, not a click, so Enter in the room fields connects and `required` is checked first.
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      connect();
    });
  } else {
    connectButton.addEventListener('click', () => connect());
  }
  connectButton.addEventListener('click', () => {
    if (retryTimer) { // "Connect" while waiting: try now, still resuming
      connect(true);
    }
  });
  closeButton.addEventListener('click', () => {
    if (retryTimer) {
      stopRetrying();
      attempt = 0;
      show('closed', t('disconnected'));
    } else if (socket) {
      closedByUser = true;
      socket.close(1000);
    }
  });
  el('form').addEventListener('submit', (event) => {
    event.preventDefault(); // Enter in the input lands here too
    if (input.value === '' || socket?.readyState !== WebSocket.OPEN) {
      return;
    }
    onSend(input.value);
    socket.send(input.value);
    input.value = '';
  });

  show('closed', t('disconnected'));
  return el('log');
}

function echoPanel() {
  const sentAt = []; // when each message still on its way was sent: echoes come back in order
  const log = panel('echo', {
    url: () => 'echo',
    onSend: () => sentAt.push(performance.now()),
    onMessage: (data) => {
      const text = typeof data === 'string' ? data : t('binary', data.byteLength);
      const sent = sentAt.shift();
      const roundTrip = sent === undefined ? [] : [['rtt', `${Math.round(performance.now() - sent)} ms`]];
      addEntry(log, [['time', clockTime(new Date())], ['text', text], ...roundTrip]);
    },
    onClosed: () => { sentAt.length = 0; },
  });
}

function rewritePanel() {
  const log = panel('rewrite', {
    url: () => 'rewrite',
    onMessage: (data) => {
      const reply = parseJson(data);
      if (!reply || typeof reply.server_msg !== 'string') {
        addEntry(log, [['text', String(data)]], 'raw');
        return;
      }
      addEntry(log, [['time', String(reply.time ?? '')], ['text', reply.server_msg]]).title = reply.client_msg ?? '';
    },
  });
}

function roomPanel() {
  const members = document.getElementById('room-members');
  const moreMembers = document.getElementById('room-more');
  const roomName = document.getElementById('room-name');
  const nickname = document.getElementById('room-nick');
  let ownId = null;
  let ownName = null;
  let lastMessageId = null; // the newest message shown that the room keeps, for `since`
  let resumed = false; // this connection came back with `since`: its welcome brings what was missed

  function timeParts(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? [] : [['time', clockTime(date)]];
  }

  function addMember({ id, name }) {
    removeMember(id);
    const item = document.createElement('li');
    item.dataset.id = id;
    item.textContent = name;
    if (id === ownId) {
      item.className = 'self';
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = t('room.you');
      item.append(' ', badge);
    }
    members.append(item);
  }

  function removeMember(id) {
    [...members.children].find((item) => item.dataset.id === id)?.remove();
  }

  /** A welcome's or snapshot's list, with oneself in it; a big room's lists only some members. */
  function showMembers(event) {
    members.replaceChildren();
    event.members.forEach(addMember);
    if (ownId !== null && !event.members.some((member) => member.id === ownId)) {
      addMember({ id: ownId, name: ownName });
    }
    showUnlisted((event.member_count ?? 0) - members.children.length);
  }

  function showUnlisted(count) {
    moreMembers.hidden = count <= 0;
    moreMembers.textContent = count > 0 ? t('room.more', COUNT.format(count)) : '';
  }

  function showMessage(message) {
    if (!String(message.id).startsWith('local-')) { // delivered while Redis was away: not in the room's history
      lastMessageId = message.id;
    }
    const kind = message.from.id === ownId ? 'message mine' : 'message';
    addEntry(log, [...timeParts(message.time), ['who', `${message.from.name}:`], ['text', message.text]], kind);
  }

  const log = panel('room', {
    url: (resuming) => {
      const query = new URLSearchParams();
      const nick = nickname.value.trim();
      if (nick) {
        query.set('name', nick);
      }
      resumed = resuming && lastMessageId !== null;
      if (resumed) {
        query.set('since', lastMessageId);
      } else {
        lastMessageId = null;
      }
      const search = query.toString();
      return `room/${encodeURIComponent(roomName.value.trim())}${search ? `?${search}` : ''}`;
    },
    onMessage: (data) => {
      const event = parseJson(data);
      switch (event?.type) {
        case 'welcome':
          ownId = event.id;
          ownName = event.name;
          showMembers(event);
          if (!resumed) {
            log.replaceChildren(); // a new join gets the history again; a resumed one only what it missed
          }
          event.history.forEach(showMessage);
          addEntry(log, [['text', t('room.welcome', event.room, event.name)]], 'note');
          break;
        case 'members': // the room became too big to announce arrivals, or small again
          showMembers(event);
          break;
        case 'join':
          addMember(event.member);
          addEntry(log, [...timeParts(event.time), ['text', t('room.joined', event.member.name)]], 'note');
          break;
        case 'leave':
          removeMember(event.member.id);
          addEntry(log, [...timeParts(event.time), ['text', t('room.left', event.member.name)]], 'note');
          break;
        case 'message':
          showMessage(event);
          break;
        case 'error':
          addEntry(log, [['text', t('room.error', event.code, event.reason)]], 'error');
          break;
        case 'resync': // the welcome that follows brings the room's last messages: all newer than ours
          addEntry(log, [['text', t('room.resync')]], 'error');
          break;
        default:
          addEntry(log, [['text', String(data)]], 'raw');
      }
    },
    onClosed: () => {
      ownId = null;
      ownName = null;
      members.replaceChildren();
      showUnlisted(0);
    },
  });
}

const ENDPOINTS = ['echo', 'rewrite', 'room'];
const STATS_EVERY_MS = 2000;
const STATS_SAMPLES = 60; // two minutes
const SVG = 'http://www.w3.org/2000/svg';
const COUNT = new Intl.NumberFormat(LOCALE);
const RATE = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

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
 * An inline SVG chart with one polyline per series (class `series-<name>`, data-series="<name>").
 * Returns a function that draws it from one array of values per series, oldest first, one value
 * per sample: the newest at the right edge, all on one scale from 0; a null (unknown) value gets
 * no point.
 */
function chart(name, series) {
  const svg = document.querySelector(`svg[data-chart="${name}"]`);
  const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
  const pad = 2; // keeps a line at 0 or at the top inside the frame
  const lines = series.map((key) => {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', `series-${key}`);
    line.dataset.series = key;
    svg.append(line);
    return line;
  });
  return (columns) => {
    const top = Math.max(1, ...columns.flat().filter((value) => value !== null));
    columns.forEach((values, s) => {
      const first = STATS_SAMPLES - values.length;
      const points = values.flatMap((value, i) => {
        if (value === null) {
          return [];
        }
        const x = (width * (first + i)) / (STATS_SAMPLES - 1);
        const y = height - pad - ((height - 2 * pad) * value) / top;
        return [`${x.toFixed(2)},${y.toFixed(2)}`];
      });
      lines[s].setAttribute('points', points.join(' '));
    });
  };
}

/**
 * Polls `stats` (relative to this page, so any context root works) every 2 s while the page is
 * visible, and shows the last 60 samples as numbers and charts. The status element's data-state is
 * "connecting" until the first answer, then "live" or "unavailable"; polling goes on either way.
 */
function statsPanel() {
  const status = document.getElementById('stats-status');
  const url = new URL('stats', location.href);
  const stat = (name) => document.querySelector(`#stats [data-stat="${name}"]`);
  const drawConnections = chart('connections', ENDPOINTS);
  const drawMessages = chart('messages', ['in', 'out']);
  const drawRooms = chart('rooms', ['rooms', 'members']);
  const samples = [];
  let previous = null; // the last answer and when it came, for the rates
  let timer = null;
  let polling = false;

  function record(stats, at) {
    const rate = previous ? rates(previous.stats, stats, (at - previous.at) / 1000) : { in: null, out: null };
    previous = { stats, at };
    samples.push({ ...stats, rate });
    if (samples.length > STATS_SAMPLES) {
      samples.shift();
    }
    ENDPOINTS.forEach((name, i) => { stat(`connections.${name}`).textContent = COUNT.format(stats.connections[i]); });
    stat('rooms').textContent = COUNT.format(stats.rooms);
    stat('members').textContent = COUNT.format(stats.members);
    stat('in-per-second').textContent = rate.in === null ? '–' : RATE.format(rate.in);
    stat('out-per-second').textContent = rate.out === null ? '–' : RATE.format(rate.out);
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
      showStatus(status, 'unavailable', t('stats.unavailable', `HTTP ${response.status}`));
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
        timer = setTimeout(poll, STATS_EVERY_MS);
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

localize();
echoPanel();
rewritePanel();
roomPanel();
statsPanel();
