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
    binary: '[binary message, {0} bytes]',
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
    'room.placeholder': 'Message the room',
    'room.you': 'you',
    'room.welcome': 'You joined {0} as {1}.',
    'room.joined': '{0} joined',
    'room.left': '{0} left',
    'room.error': 'error {0}: {1}',
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
    binary: '[二进制消息，{0} 字节]',
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
    'room.placeholder': '发消息到房间',
    'room.you': '我',
    'room.welcome': '你以 {1} 的身份进入了 {0}。',
    'room.joined': '{0} 加入了房间',
    'room.left': '{0} 离开了房间',
    'room.error': '错误 {0}：{1}',
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

/**
 * Wires one panel, found by its id prefix, to one WebSocket at a time. The status element's
 * data-state is "connecting", "open" or "closed", for people (CSS) and tests alike. Returns the
 * panel's log, for its onMessage to write to.
 */
function panel(prefix, { url, onMessage, onClosed = () => {} }) {
  const el = (name) => document.getElementById(`${prefix}-${name}`);
  const status = el('status');
  const input = el('input');
  const connectButton = el('connect');
  const closeButton = el('close');
  const sendButton = el('send');
  const joinForm = el('join'); // only the room panel has one: its fields are fixed while connected
  let socket = null;
  let closedByUser = false;

  function show(state, text) {
    status.dataset.state = state;
    status.textContent = text;
    connectButton.disabled = state !== 'closed';
    closeButton.disabled = state === 'closed';
    sendButton.disabled = state !== 'open';
    joinForm?.querySelectorAll('input').forEach((field) => { field.disabled = state !== 'closed'; });
  }

  function connect() {
    if (socket) {
      return;
    }
    const ws = new WebSocket(socketUrl(url()));
    ws.binaryType = 'arraybuffer';
    socket = ws;
    closedByUser = false;
    show('connecting', t('connecting'));
    ws.addEventListener('open', () => {
      show('open', t('connected'));
      input.focus();
    });
    ws.addEventListener('message', (event) => onMessage(event.data));
    ws.addEventListener('close', (event) => {
      socket = null;
      show('closed', closedText(event, closedByUser));
      onClosed();
    });
  }

  if (joinForm) {
    // A submit, not a click, so Enter in the room fields connects and `required` is checked first.
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      connect();
    });
  } else {
    connectButton.addEventListener('click', connect);
  }
  closeButton.addEventListener('click', () => {
    if (socket) {
      closedByUser = true;
      socket.close(1000);
    }
  });
  el('form').addEventListener('submit', (event) => {
    event.preventDefault(); // Enter in the input lands here too
    if (input.value === '' || socket?.readyState !== WebSocket.OPEN) {
      return;
    }
    socket.send(input.value);
    input.value = '';
  });

  show('closed', t('disconnected'));
  return el('log');
}

function echoPanel() {
  const log = panel('echo', {
    url: () => 'echo',
    onMessage: (data) => {
      const text = typeof data === 'string' ? data : t('binary', data.byteLength);
      addEntry(log, [['time', clockTime(new Date())], ['text', text]]);
    },
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
  const roomName = document.getElementById('room-name');
  const nickname = document.getElementById('room-nick');
  let ownId = null;

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

  function showMessage(message) {
    const kind = message.from.id === ownId ? 'message mine' : 'message';
    addEntry(log, [...timeParts(message.time), ['who', `${message.from.name}:`], ['text', message.text]], kind);
  }

  const log = panel('room', {
    url: () => {
      const nick = nickname.value.trim();
      const query = nick ? `?name=${encodeURIComponent(nick)}` : '';
      return `room/${encodeURIComponent(roomName.value.trim())}${query}`;
    },
    onMessage: (data) => {
      const event = parseJson(data);
      switch (event?.type) {
        case 'welcome':
          ownId = event.id;
          members.replaceChildren();
          event.members.forEach(addMember);
          log.replaceChildren(); // a rejoin gets the history again
          event.history.forEach(showMessage);
          addEntry(log, [['text', t('room.welcome', event.room, event.name)]], 'note');
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
        default:
          addEntry(log, [['text', String(data)]], 'raw');
      }
    },
    onClosed: () => {
      ownId = null;
      members.replaceChildren();
    },
  });
}

localize();
echoPanel();
rewritePanel();
roomPanel();
