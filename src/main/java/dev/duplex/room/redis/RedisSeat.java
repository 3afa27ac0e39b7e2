package dev.duplex.room.redis;

import dev.duplex.room.Member;
import dev.duplex.room.Recipient;
import dev.duplex.socket.Outbound;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One member of a shared room on this node. Until its welcome is out, what the room sends it is
 * held, then offered again in order: so it comes after the welcome, and once. Each member
 * remembers the newest stream message it has, so nothing reaches it twice, whichever way it comes
 * (its welcome's history, live, or from the stream after Redis was away). Used on the worker only.
 */
final class RedisSeat {

    private final Member member;
    private final Recipient recipient;
    private final long joinedAt; // not a time: this node's last message number when it joined, see OutageBuffer
    private StreamId seen = StreamId.ZERO;
    // Members its welcome listed whose join may still be on its way from another node.
    private final Set<String> listedAtWelcome = new HashSet<>();
    private List<Consumer<RedisSeat>> held = new ArrayList<>(); // null once welcomed

    RedisSeat(Member member, Recipient recipient, long joinedAt) {
        this.member = member;
        this.recipient = recipient;
        this.joinedAt = joinedAt;
    }

    Member member() {
        return member;
    }

    boolean hasItsWelcome() {
        return held == null;
    }

    StreamId seen() {
        return seen;
    }

    /** Its welcome went out, bringing the stream up to {@code seen}: now comes what was held. */
    void welcomed(StreamId seenNow, List<Member> listed) {
        seen = seenNow;
        listed.forEach(other -> listedAtWelcome.add(other.id()));
        List<Consumer<RedisSeat>> offers = held;
        held = null;
        offers.forEach(offer -> offer.accept(this));
    }

    /**
     * A message of the stream: delivered unless the member has it. {@code deliveredHereAs}: this
     * node's number for a message its members got while Redis was away, else -1; a member that was
     * here then has it. True if delivered.
     */
    boolean offerMessage(StreamId id, long deliveredHereAs, Outbound.Text text) {
        if (held != null) {
            held.add(seat -> seat.offerMessage(id, deliveredHereAs, text));
            return false;
        }
        if (id.compareTo(seen) <= 0) {
            return false; // in its welcome's history, or delivered already
        }
        seen = id;
        if (deliveredHereAs > joinedAt) {
            return false; // it was here when Redis was away and got the message then
        }
        recipient.deliver(text);
        return true;
    }

    /** A join or leave of {@code about}: to the others, and not a join its welcome already listed. */
    void offerPresence(boolean joined, String about, Outbound.Text text) {
        if (held != null) {
            held.add(seat -> seat.offerPresence(joined, about, text));
            return;
        }
        boolean listed = listedAtWelcome.remove(about);
        if (!member.id().equals(about) && !(joined && listed)) {
            recipient.deliver(text);
        }
    }

    /** A message this node keeps while Redis is away, numbered {@code sequence}: to the members here before it. */
    void offerKept(long sequence, Outbound.Text text) {
        if (held != null) {
            held.add(seat -> seat.offerKept(sequence, text)); // so its copy from Redis is not delivered again
        } else if (sequence > joinedAt) {
            recipient.deliver(text);
        }
    }

    /** An event for every member: a members snapshot. */
    void offer(Outbound.Text text) {
        if (held != null) {
            held.add(seat -> seat.offer(text));
            return;
        }
        recipient.deliver(text);
    }

    /** An event for this member alone, now: its welcome, a resync, an error. */
    void tell(Outbound.Text text) {
        recipient.deliver(text);
    }
}
