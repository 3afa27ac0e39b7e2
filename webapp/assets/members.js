// The room panel's member list: exact in a small room; in a big one, the sample the server sent
// and a line that says how many more there are.

import { formatCount, t } from './strings.js';

export function memberList(list, unlisted) {
  let own = null; // {id, name} while in a room

  function add({ id, name }) {
    remove(id);
    const item = document.createElement('li');
    item.dataset.id = id;
    item.textContent = name;
    if (id === own?.id) {
      item.className = 'self';
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = t('room.you');
      item.append(' ', badge);
    }
    list.append(item);
  }

  function remove(id) {
    [...list.children].find((item) => item.dataset.id === id)?.remove();
  }

  function showUnlisted(count) {
    unlisted.hidden = count <= 0;
    unlisted.textContent = count > 0 ? t('room.more', formatCount(count)) : '';
  }

  return {
    add,
    remove,
    /** A welcome's or `members` event's list, with oneself in it; a big room's lists only some. */
    show({ members, member_count: count }, self = own) {
      own = self;
      list.replaceChildren();
      members.forEach(add);
      if (own && !members.some((member) => member.id === own.id)) {
        add(own);
      }
      showUnlisted((count ?? 0) - list.children.length);
    },
    clear() {
      own = null;
      list.replaceChildren();
      showUnlisted(0);
    },
  };
}
