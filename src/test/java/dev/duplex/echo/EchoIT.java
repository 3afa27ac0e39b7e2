package dev.duplex.echo;

import dev.duplex.it.DeployedWar;

/** {@link EchoContract} against the built WAR in a real container. */
class EchoIT extends DeployedWar implements EchoContract {
}
