package dev.duplex.room;

import dev.duplex.auth.Identity;
import java.util.Optional;

/**
 * Who a room connection is, and what it may say: with a token, its {@link Identity} (the name and
 * user come from the token, {@code ?name=} is ignored, and a message needs the right to publish to
 * the room); without, the nickname it chose, and every member may speak.
 */
public record Speaker(Identity identity, String nickname) {

    /** The connection's member, with the token's name and user when there is one. */
    public Member member(String id) {
        return identity == null ? new Member(id, nickname) : new Member(id, identity.name(), identity.user());
    }

    public boolean mayPublish(String room) {
        return identity == null || identity.mayPublish(room);
    }

    /**
     * The speaker of a connection whose principal is {@code principal} and whose {@code ?name=} reads
     * as {@code nickname}: empty when there is no identity and no valid nickname (closed with the rule).
     */
    public static Optional<Speaker> of(Object principal, Optional<String> nickname) {
        if (principal instanceof Identity identity) {
            return Optional.of(new Speaker(identity, null));
        }
        return nickname.map(name -> new Speaker(null, name));
    }
}
