// What the three WebSocket panels share: one socket at a time, the Connect and Close buttons, the
// status line, the compose form, and reconnecting by itself after a close it did not ask for.

import { askForFreshToken, currentToken, tokenExpired } from './signin.js';
import { t } from './strings.js';

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
 * ws: or wss: URL of an endpoint, relative to this page, so any context root and HTTPS work; with
 * the sign-in's token, where one is given: a browser cannot set headers on a WebSocket.
 */
function socketUrl(path) {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (currentToken()) {
    url.searchParams.set('access_token', currentToken());
  }
  return url.href;
}

const TOKEN_EXPIRED = 'token expired';

function closedText(event, byUser) {
  if (byUser) {
    return t('disconnected');
  }
  const reason = event.reason || (event.code === 1006 ? t('lost') : '');
  return reason ? t('disconnected.reason', event.code, reason) : t('disconnected.code', event.code);
}

/** Sets a status line: data-state for CSS and tests, the text for people. */
export function showStatus(status, state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/**
 * Wires one panel, found by its id prefix, to one WebSocket at a time. The status element's
 * data-state is "connecting", "open", "retrying" or "closed", for people (CSS) and tests alike.
 * After a close that was not the user's and that trying again can mend, the panel reconnects by
 * itself with a growing delay and says so; `url(resuming)` then gets true. `encode` turns what the
 * person typed into what is sent; `onInput` may return a note to send as they type (or null).
 * Returns the panel's log and a `send` that sends while the socket is open.
 */
export function socketPanel(prefix, {
  url, onMessage, onSend = () => {}, encode = (text) => text, onInput = () => null, onClosed = () => {},
}) {
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
    if (tokenExpired()) { // it would only be refused: a fresh token first
      show('closed', t('disconnected.reason', 1008, TOKEN_EXPIRED));
      askForFreshToken();
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
      if (event.code === 1008 && event.reason === TOKEN_EXPIRED) {
        askForFreshToken();
      }
      if (closedByUser || !WORTH_RETRYING.has(event.code)) {
        attempt = 0;
        show('closed', closed);
        return;
      }
      const delay = retryDelay(attempt++);
      show('retrying', t('retrying', closed, Math.ceil(delay / 1000)));
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
    socket.send(encode(input.value));
    input.value = '';
  });
  input.addEventListener('input', () => {
    const note = onInput();
    if (note !== null && socket?.readyState === WebSocket.OPEN) {
      socket.send(note);
    }
  });

  show('closed', t('disconnected'));
  return {
    log: el('log'),
    send(text) {
      if (socket?.readyState === WebSocket.OPEN) {
        socket.send(text);
      }
    },
  };
}
