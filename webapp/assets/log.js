// A panel's log: one line per entry, newest last. Everything a server or another user sent is put
// in it with textContent, never as HTML: room messages come from strangers.

// Bounds the page's memory on a busy room; the oldest entries go first.
const MAX_ENTRIES = 500;

/**
 * Appends one line to a log: `parts` are [className, text] pairs, each in its own span. Follows
 * the newest line only if the reader was already at the bottom, so scrolling back is not undone.
 */
export function addEntry(log, parts, kind) {
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
