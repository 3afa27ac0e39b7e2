package dev.duplex.testing.wire;

/** RFC 6455 opcodes (section 5.2): the low four bits of a frame's first byte. */
public final class Opcodes {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private Opcodes() {
    }

    /** Close, ping and pong: short, never fragmented, and allowed between the frames of a message. */
    public static boolean isControl(int opcode) {
        return opcode >= CLOSE;
    }
}
