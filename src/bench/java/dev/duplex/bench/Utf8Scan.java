package dev.duplex.bench;

import java.nio.ByteBuffer;

/** Reading the load's events straight from their UTF-8 bytes: no string per event at benchmark rates. */
final class Utf8Scan {

    private Utf8Scan() {
    }

    static boolean startsWith(ByteBuffer utf8, int at, byte[] prefix) {
        if (at + prefix.length > utf8.limit()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (utf8.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number that starts at {@code at}; 0 when no digit does. */
    static long digits(ByteBuffer utf8, int at) {
        long value = 0;
        for (int i = at; i < utf8.limit(); i++) {
            byte b = utf8.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
