package dev.duplex.room;

/**
 * How fast one room connection may send: a token bucket of {@code burst} tokens refilled at
 * {@code perSecond}. A message without a token is refused and earns a strike; strikes drain at the
 * same rate, so a client that keeps sending at more than twice the rate piles them up and, past
 * {@code 2 × burst} strikes, is cut off. At three times the rate and the defaults (20/s, burst 40)
 * that takes about five seconds; a client that only now and then bursts is never cut off.
 * Not thread-safe: one connection's messages arrive one at a time.
 */
public final class RateLimit {

    public enum Verdict { ALLOW, REFUSE, CUT_OFF }

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double burst;
    private final double strikeLimit;
    private double tokens;
    private double strikes;
    private long lastNanos;

    public RateLimit(int perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.strikeLimit = 2.0 * burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    public Verdict take(long nowNanos) {
        double refill = Math.max(0, nowNanos - lastNanos) * perNano;
        lastNanos = nowNanos;
        tokens = Math.min(burst, tokens + refill);
        strikes = Math.max(0, strikes - refill);
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOW;
        }
        strikes += 1;
        return strikes > strikeLimit ? Verdict.CUT_OFF : Verdict.REFUSE;
    }
}
