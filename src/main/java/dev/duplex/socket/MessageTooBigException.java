package dev.duplex.socket;

/** An incoming message grew past its endpoint's limit; the connection closes with 1009. */
public final class MessageTooBigException extends Exception {

    private final long limit;

    public MessageTooBigException(long limit) {
        super("message larger than " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
