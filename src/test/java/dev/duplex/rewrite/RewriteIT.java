package dev.duplex.rewrite;

import dev.duplex.it.DeployedWar;

/** {@link RewriteContract} against the built WAR in a real container. */
class RewriteIT extends DeployedWar implements RewriteContract {
}
