// The room messages this page sent that the room has not acknowledged yet. Each shows "sending…"
// until its ack, or the room's refusal after an error that names its client_id. Signed in, a message
// still waiting after a reconnect is sent again with the same client_id, which the room
// acknowledges again without delivering it twice; without a token the room cannot tell it is the
// same sender, so such a message is only marked as unconfirmed.

import { addEntry } from './log.js';
import { t } from './strings.js';

const REMEMBERED_IDS = 200;

function command(text, clientId) {
  return JSON.stringify({ type: 'message', text, client_id: clientId });
}

function remember(ids, id) {
  ids.add(id);
  if (ids.size > REMEMBERED_IDS) {
    ids.delete(ids.values().next().value);
  }
}

export function pendingMessages(log) {
  const waiting = new Map(); // client_id -> {text, entry}, oldest first
  const ackedFirst = new Set(); // ids acknowledged before their message came: their line is shown
  const cameFirst = new Set(); // ids of own messages shown before their ack came
  let sent = 0;

  function settle(clientId, state) {
    const message = waiting.get(clientId);
    waiting.delete(clientId);
    if (message && state) {
      message.entry.classList.replace('pending', 'failed');
      message.entry.querySelector('.state').textContent = state;
    }
    return message;
  }

  return {
    /** The command that sends `text` from `sender`, whose line shows "sending…" meanwhile. */
    add(text, sender) {
      const clientId = `${Date.now().toString(36)}-${(sent++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const entry = addEntry(log, [['who', sender], ['text', text], ['state', t('room.sending')]],
        'message mine pending');
      waiting.set(clientId, { text, entry });
      return command(text, clientId);
    },
    acked({ client_id: clientId, id }) {
      const message = settle(clientId);
      if (!message) {
        return;
      }
      if (cameFirst.delete(id)) {
        message.entry.remove(); // its message event is shown already
        return;
      }
      message.entry.classList.remove('pending');
      message.entry.querySelector('.state').remove();
      remember(ackedFirst, id);
    },
    /** Refused in `words`: the line of `clientId` says so; false if no line waits for it. */
    failed(clientId, words) {
      return settle(clientId, words) !== undefined;
    },
    /** Whether this own message's line is shown already, because its ack came first. */
    shownAlready(id) {
      if (ackedFirst.delete(id)) {
        return true;
      }
      remember(cameFirst, id);
      return false;
    },
    /** Back in the room: signed in, every message still waiting goes again; else each is unconfirmed. */
    resendAll(send, signedIn) {
      if (signedIn) {
        waiting.forEach(({ text }, clientId) => send(command(text, clientId)));
      } else {
        [...waiting.keys()].forEach((clientId) => settle(clientId, t('room.unconfirmed')));
      }
    },
  };
}
