// The 吗 bot's panel: each answer beside the question it answers, at the time the bot gave it.

import { parseJson } from './json.js';
import { addEntry } from './log.js';
import { socketPanel } from './panel.js';

export function botPanel() {
  const { log } = socketPanel('rewrite', {
    url: () => 'rewrite',
    onMessage: (data) => {
      const reply = parseJson(data);
      if (typeof reply?.server_msg !== 'string' || typeof reply.client_msg !== 'string') {
        addEntry(log, [['text', String(data)]], 'raw');
        return;
      }
      // The bot's own clock, as it sent it: in the server's time zone, which the page cannot know.
      addEntry(log, [['time', String(reply.time ?? '')], ['question', reply.client_msg], ['answer', reply.server_msg]],
        'exchange');
    },
  });
}
