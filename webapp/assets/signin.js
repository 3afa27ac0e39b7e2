// Who this page signs in as, on a server that asks for signed tokens (duplex.auth=token). The
// token lives in memory, and in sessionStorage only when the person asks; it travels in the
// WebSocket URL only, never in a URL the page loads or links to. A link may hand it over in the
// page URL's fragment (#access_token=…), which no server and no log sees; the page takes it from
// there at once and removes it from the address bar.

import { clockTime, t } from './strings.js';

const STORED = 'duplex.access_token';

let token = null;
let showState = () => {};

/** The token to connect with, or null when none is given. */
export function currentToken() {
  return token;
}

/**
 * The token's claims as it says them, unverified (the server verifies): only to show who and
 * until when, and to ask for a fresh token rather than connect with an expired one.
 */
export function claims(jwt) {
  try {
    const base64 = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Whether the token given is past its `exp`: connecting with it would only be refused. */
export function tokenExpired() {
  const exp = token && claims(token)?.exp;
  return typeof exp === 'number' && exp * 1000 <= Date.now();
}

/** The server closed a connection because the token expired: ask for a fresh one. */
export function askForFreshToken() {
  showState('expired');
  document.getElementById('signin-token').focus();
}

export function signInBar() {
  const field = document.getElementById('signin-token');
  const remember = document.getElementById('signin-remember');
  const status = document.getElementById('signin-status');
  // Enter in the field would submit the form and reload the page, losing the token: it is taken as typed.
  document.getElementById('signin').addEventListener('submit', (event) => event.preventDefault());

  showState = (state) => {
    const said = token && claims(token);
    status.dataset.state = state;
    status.textContent = state === 'expired' ? t('signin.expired')
      : said ? t('signin.as', said.name ?? said.sub, said.sub,
        typeof said.exp === 'number' ? clockTime(new Date(said.exp * 1000)) : '–')
        : t('signin.none');
  };

  function take(value) {
    token = value.trim() || null;
    if (remember.checked && token) {
      sessionStorage.setItem(STORED, token);
    } else {
      sessionStorage.removeItem(STORED);
    }
    showState(tokenExpired() ? 'expired' : token ? 'signed-in' : 'none');
  }

  /** The token a link put in the fragment, taken out of the address bar at once; null if none. */
  function fromLink() {
    const linked = new URLSearchParams(location.hash.slice(1)).get('access_token');
    if (linked) {
      history.replaceState(null, '', location.pathname + location.search);
    }
    return linked;
  }

  const stored = sessionStorage.getItem(STORED);
  remember.checked = stored !== null;
  field.value = fromLink() ?? stored ?? '';
  take(field.value);
  field.addEventListener('input', () => take(field.value));
  remember.addEventListener('change', () => take(field.value));
  window.addEventListener('hashchange', () => { // a link followed while the page is open
    const linked = fromLink();
    if (linked) {
      field.value = linked;
      take(linked);
    }
  });
}
