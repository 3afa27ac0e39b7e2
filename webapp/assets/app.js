// The duplex client page: one module per panel, each with its own WebSocket or poll. Relative
// imports, so the page works under any context root; no bundler, no framework.

import { botPanel } from './bot.js';
import { echoPanel } from './echo.js';
import { roomPanel } from './room.js';
import { signInBar } from './signin.js';
import { statsPanel } from './stats.js';
import { localize } from './strings.js';

localize();
signInBar();
echoPanel();
botPanel();
roomPanel();
statsPanel();
