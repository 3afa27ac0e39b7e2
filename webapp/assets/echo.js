// The echo panel: each message as it came back, with how long the round trip took.

import { addEntry } from './log.js';
import { socketPanel } from './panel.js';
import { clockTime, t } from './strings.js';

export function echoPanel() {
  const sentAt = []; // when each message still on its way was sent: echoes come back in order
  const { log } = socketPanel('echo', {
    url: () => 'echo',
    onSend: () => sentAt.push(performance.now()),
    onMessage: (data) => {
      const text = typeof data === 'string' ? data : t('binary', data.byteLength);
      const sent = sentAt.shift();
      const roundTrip = sent === undefined ? [] : [['rtt', t('echo.roundTrip', Math.round(performance.now() - sent))]];
      addEntry(log, [['time', clockTime(new Date())], ['text', text], ...roundTrip]);
    },
    onClosed: () => { sentAt.length = 0; },
  });
}
