// "Someone is typing", both ways: the line under the room's log, from the room's typing events,
// each forgotten after a few quiet seconds; and this page's own typing notes, at most one a
// second, as the room allows.

import { t } from './strings.js';

const SHOWN_MS = 3000;
const NOTE_EVERY_MS = 1000;
const NOTE = JSON.stringify({ type: 'typing' });

export function typingLine(line) {
  const typists = new Map(); // member id -> {name, until}
  let timer = null;

  function render() {
    const now = Date.now();
    typists.forEach(({ until }, id) => until <= now && typists.delete(id));
    const names = [...typists.values()].map(({ name }) => name);
    line.hidden = names.length === 0;
    line.textContent = names.length === 0 ? ''
      : names.length === 1 ? t('room.typing.one', names[0])
        : names.length === 2 ? t('room.typing.two', names[0], names[1])
          : t('room.typing.many', names.length);
    clearTimeout(timer);
    if (names.length > 0) {
      timer = setTimeout(render, 500);
    }
  }

  return {
    typing({ id, name }) {
      typists.set(id, { name, until: Date.now() + SHOWN_MS });
      render();
    },
    stopped(id) {
      if (typists.delete(id)) {
        render();
      }
    },
    clear() {
      typists.clear();
      render();
    },
  };
}

/** The note to send as the person types, or null when one went out less than a second ago. */
export function typingNotes() {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < NOTE_EVERY_MS) {
      return null;
    }
    last = now;
    return NOTE;
  };
}
