package dev.duplex.auth;

import java.time.Duration;
import java.util.List;

/**
 * What a minted token grants: the body of {@code POST /api/tokens}.
 *
 * @param sub     the user id; required
 * @param name    the display name; null: the user id
 * @param rooms   patterns of the rooms the user may join; null: every room
 * @param publish patterns of the rooms the user may send to; null: the same as {@code rooms}
 * @param ttl     how long the token is valid from now; positive
 */
public record TokenRequest(String sub, String name, List<String> rooms, List<String> publish, Duration ttl) {

    public TokenRequest {
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("sub is required");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        rooms = rooms == null ? null : List.copyOf(rooms);
        publish = publish == null ? null : List.copyOf(publish);
    }
}
