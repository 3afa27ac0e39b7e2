// The room panel: one room at a time, its members, and every event the room sends as a line a
// person can read. Back after a lost connection, it asks only for what it missed (`since`), and
// sends again what the room had not acknowledged.

import { parseJson } from './json.js';
import { addEntry } from './log.js';
import { memberList } from './members.js';
import { socketPanel } from './panel.js';
import { pendingMessages } from './pending.js';
import { clockTime, formatCount, has, t, tCount } from './strings.js';
import { typingLine, typingNotes } from './typing.js';

function timeParts(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? [] : [['time', clockTime(date)]];
}

/** A refusal in the reader's words where the page knows its code, else the server's own. */
function errorText({ code, reason }) {
  return has(`room.error.${code}`) ? t(`room.error.${code}`) : t('room.error', code, reason);
}

export function roomPanel() {
  const roster = memberList(document.getElementById('room-members'), document.getElementById('room-more'));
  const roomName = document.getElementById('room-name');
  const nickname = document.getElementById('room-nick');
  const identity = document.getElementById('room-identity');
  const typing = typingLine(document.getElementById('room-typing'));
  let own = null; // {id, name}: who the room's welcome said this page is
  let lastMessageId = null; // the newest message shown that the room keeps, for `since`
  let resumed = false; // this connection came back with `since`: its welcome brings what was missed

  function say(kind, text, time) {
    addEntry(log, [...timeParts(time), ['text', text]], kind);
  }

  function showMessage(message) {
    if (!String(message.id).startsWith('local-')) { // delivered while Redis was away: not in the room's history
      lastMessageId = message.id;
    }
    typing.stopped(message.from.id);
    if (message.from.id === own?.id && pending.shownAlready(message.id)) {
      return;
    }
    const kind = message.from.id === own?.id ? 'message mine' : 'message';
    addEntry(log, [...timeParts(message.time), ['who', t('room.from', message.from.name)], ['text', message.text]], kind);
  }

  const show = {
    welcome(event) {
      own = { id: event.id, name: event.name };
      identity.hidden = !event.user; // signed in: who the token says this is
      identity.textContent = event.user ? t('room.signedIn', event.name, event.user) : '';
      roster.show(event, own);
      if (!resumed) {
        log.replaceChildren(); // a new join gets the history again; a resumed one only what it missed
      }
      event.history.forEach(showMessage);
      say('note', t('room.welcome', event.room, event.name));
      pending.resendAll(send, Boolean(event.user));
    },
    // The room became too big to announce arrivals, or small again: it lists everyone only when small.
    members(event) {
      roster.show(event);
      const grown = event.member_count > event.members.length;
      say('note', t(grown ? 'room.grown' : 'room.shrunk', formatCount(event.member_count)));
    },
    join(event) {
      roster.add(event.member);
      say('note', t('room.joined', event.member.name), event.time);
    },
    leave(event) {
      roster.remove(event.member.id);
      typing.stopped(event.member.id);
      say('note', t('room.left', event.member.name), event.time);
    },
    message: showMessage,
    ack(event) {
      pending.acked(event);
    },
    typing(event) {
      typing.typing(event.member);
    },
    error(event) {
      if (!pending.failed(event.client_id, errorText(event))) { // else said on the refused message's line
        say('error', errorText(event));
      }
    },
    // After the gap it tells of: the messages before it came, the ones after it follow.
    skipped(event) {
      say('warning', tCount('room.skipped', event.count));
    },
    // Before a welcome that brings the room's last messages, all newer than ours.
    resync() {
      say('warning', t('room.resync'));
    },
  };

  const { log, send } = socketPanel('room', {
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
      if (Object.hasOwn(show, event?.type)) {
        show[event.type](event);
      } else { // an event of a newer server: as it came, rather than not at all
        addEntry(log, [['text', String(data)]], 'raw');
      }
    },
    // A text starting with { is a command, sent as typed (docs/protocol.md); any other is a message
    // with a client_id, so that its line can say when the room has it.
    encode: (text) => (text.trimStart().startsWith('{') ? text : pending.add(text, t('room.from', own?.name ?? ''))),
    onInput: typingNotes(),
    onClosed: () => {
      own = null;
      roster.clear();
      typing.clear();
    },
  });
  const pending = pendingMessages(log);
}
