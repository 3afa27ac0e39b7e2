// The 吗 bot's panel: each answer at the time the bot gave it, the question in its tooltip.

import { parseJson } from './json.js';
import { addEntry } from './log.js';
import { socketPanel } from './panel.js';

export function botPanel() {
  const log = socketPanel('rewrite', {
    url: () => 'rewrite',
    onMessage: (data) => {
      const reply = parseJson(data);
      if (typeof reply?.server_msg !== 'string') {
        addEntry(log, [['text', String(data)]], 'raw');
        return;
      }
      addEntry(log, [['time', String(reply.time ?? '')], ['text', reply.server_msg]]).title = reply.client_msg ?? '';
    },
  });
}
