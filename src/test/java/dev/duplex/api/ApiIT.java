package dev.duplex.api;

import dev.duplex.it.SignedInWar;

/** {@link ApiContract} against the built WAR, in token mode with the API on, in a real container. */
class ApiIT extends SignedInWar implements ApiContract {
}
