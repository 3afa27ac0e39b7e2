package dev.duplex.room;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Connection ids: 12 random hex digits, unique enough for every node sharing a room. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newConnectionId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
