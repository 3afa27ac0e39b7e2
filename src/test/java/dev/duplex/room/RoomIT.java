package dev.duplex.room;

import dev.duplex.it.DeployedWar;

/** {@link RoomContract} against the built WAR in a real container. */
class RoomIT extends DeployedWar implements RoomContract {
}
