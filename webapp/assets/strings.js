// Every word the page shows, in English and Chinese, and the reader's way of writing numbers and
// times. The HTML carries the English words too, so the page reads sensibly before this runs.

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
    'disconnected.code': 'disconnected ({0})',
    'disconnected.reason': 'disconnected ({0}: {1})',
    lost: 'connection lost',
    retrying: '{0}, reconnecting in {1} s',
    binary: '[binary message, {0} bytes]',
    none: '–',
    'echo.title': 'Echo',
    'echo.hint': 'Every message comes back unchanged.',
    'echo.placeholder': 'Type a message, press Enter',
    'echo.roundTrip': '{0} ms',
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
    'room.from': '{0}:',
    'room.welcome': 'You joined {0} as {1}.',
    'room.joined': '{0} joined',
    'room.left': '{0} left',
    'room.grown': 'The room has grown to {0} members: from now on only some are listed, and nobody’s arrival or departure is announced.',
    'room.shrunk': 'The room is down to {0} members: everyone is listed again, and arrivals and departures are announced.',
    'room.skipped.one': 'You missed 1 message: your connection could not keep up with the room.',
    'room.skipped.other': 'You missed {0} messages: your connection could not keep up with the room.',
    'room.resync': 'You were away too long to catch up: what was said meanwhile is no longer all kept. The room’s latest messages follow.',
    'room.error': 'Error {0}: {1}',
    'room.error.rate_limited': 'Not sent: you are sending faster than the room allows. Wait a moment, then send it again.',
    'room.error.not_delivered': 'Not delivered: the room could not pass your message on just now. Send it again.',
    'room.error.invalid_json': 'Not sent: a message starting with { is read as a command, and this one is not valid JSON.',
    'room.error.unknown_type': 'Not sent: the room knows no such command. Send plain text, or {"type":"message","text":"…"}.',
    'room.error.missing_text': 'Not sent: a message command needs a "text".',
    'room.error.forbidden': 'Not sent: your token lets you read this room, not write in it.',
    'room.error.invalid_client_id': 'Not sent: a client_id must be 1 to 64 characters.',
    'room.sending': 'sending…',
    'room.unconfirmed': 'maybe not sent: the connection dropped before the room confirmed it',
    'room.signedIn': 'Signed in as {0} ({1}).',
    'room.typing.one': '{0} is typing…',
    'room.typing.two': '{0} and {1} are typing…',
    'room.typing.many': '{0} people are typing…',
    'signin.token': 'Token',
    'signin.placeholder': 'only where the server signs users in',
    'signin.remember': 'remember in this tab',
    'signin.none': 'not signed in',
    'signin.as': 'signed in as {0} ({1}) until {2}',
    'signin.expired': 'the token has expired: paste a fresh one, then connect',
    'stats.title': 'Stats',
    'stats.hint': 'This server, every 2 seconds, over the last 2 minutes.',
    'stats.live': 'live',
    'stats.unavailable': 'stats unavailable: {0}',
    'stats.network': 'network error',
    'stats.status': 'HTTP {0}',
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
    'disconnected.code': '已断开（{0}）',
    'disconnected.reason': '已断开（{0}：{1}）',
    lost: '连接中断',
    retrying: '{0}，{1} 秒后重新连接',
    binary: '[二进制消息，{0} 字节]',
    'echo.title': '回声',
    'echo.hint': '每条消息都会原样返回。',
    'echo.placeholder': '输入消息，按回车发送',
    'echo.roundTrip': '{0} 毫秒',
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
    'room.from': '{0}：',
    'room.welcome': '你以 {1} 的身份进入了 {0}。',
    'room.joined': '{0} 加入了房间',
    'room.left': '{0} 离开了房间',
    'room.grown': '房间已有 {0} 人：从现在起只列出部分成员，也不再通知进出。',
    'room.shrunk': '房间减少到 {0} 人：重新列出全部成员，并通知进出。',
    'room.skipped.other': '你错过了 {0} 条消息：你的连接跟不上房间的速度。',
    'room.resync': '你离开太久，无法补上：期间的消息已不再全部保留。下面是房间最近的消息。',
    'room.error': '错误 {0}：{1}',
    'room.error.rate_limited': '未发送：你发得比房间允许的快。请稍等，再发一次。',
    'room.error.not_delivered': '未送达：房间暂时无法转发你的消息。请再发一次。',
    'room.error.invalid_json': '未发送：以 { 开头的消息被当作命令，而这条不是有效的 JSON。',
    'room.error.unknown_type': '未发送：房间没有这个命令。请发普通文字，或 {"type":"message","text":"…"}。',
    'room.error.missing_text': '未发送：消息命令需要 "text"。',
    'room.error.forbidden': '未发送：你的令牌只允许你阅读这个房间，不允许发言。',
    'room.error.invalid_client_id': '未发送：client_id 必须是 1 到 64 个字符。',
    'room.sending': '发送中…',
    'room.unconfirmed': '可能未发送：房间确认之前连接已断开',
    'room.signedIn': '已登录为 {0}（{1}）。',
    'room.typing.one': '{0} 正在输入…',
    'room.typing.two': '{0} 和 {1} 正在输入…',
    'room.typing.many': '{0} 人正在输入…',
    'signin.token': '令牌',
    'signin.placeholder': '仅当服务器要求登录时填写',
    'signin.remember': '在此标签页中记住',
    'signin.none': '未登录',
    'signin.as': '已登录为 {0}（{1}），有效至 {2}',
    'signin.expired': '令牌已过期：请粘贴新的令牌，再连接',
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
export const LOCALE = LANG === 'zh' ? 'zh-CN' : 'en';

const PLURAL = new Intl.PluralRules(LOCALE);
const COUNT = new Intl.NumberFormat(LOCALE);
const RATE = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

export function t(key, ...args) {
  const text = STRINGS[LANG][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[i]);
}

export function has(key) {
  return key in STRINGS[LANG] || key in STRINGS.en;
}

/** `key.one`, `key.other`…: the form the reader's language has for `count`, with the count in {0}. */
export function tCount(key, count) {
  const form = `${key}.${PLURAL.select(count)}`;
  return t(has(form) ? form : `${key}.other`, formatCount(count));
}

export function formatCount(count) {
  return COUNT.format(count);
}

export function formatRate(rate) {
  return RATE.format(rate);
}

export function clockTime(date) {
  return date.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** Puts the reader's language into the HTML: data-i18n names the key of an element's text. */
export function localize() {
  document.documentElement.lang = LOCALE;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
}
