package dev.duplex.room.redis;

import dev.duplex.room.Member;
import dev.duplex.room.Recipient;
import dev.duplex.socket.Outbound;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
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
    // Acks whose message has not reached the member yet: each goes out once it has (its id <= seen).
    private final TreeMap<StreamId, List<Outbound.Text>> acksAfter = new TreeMap<>();

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
        boolean delivered = deliveredHereAs <= joinedAt; // else it was here when Redis was away and got it then
        if (delivered) {
            recipient.deliver(text);
        }
        releaseAcks();
        return delivered;
    }

    /** The ack of a message of this member's with stream id {@code id}: after the message itself. */
    void acknowledge(StreamId id, Outbound.Text ack) {
        if (held != null) {
            held.add(seat -> seat.acknowledge(id, ack));
        } else if (id.compareTo(seen) <= 0) {
            recipient.deliver(ack);
        } else {
            acksAfter.computeIfAbsent(id, later -> new ArrayList<>()).add(ack);
        }
    }

    private void releaseAcks() {
        while (!acksAfter.isEmpty() && acksAfter.firstKey().compareTo(seen) <= 0) {
            acksAfter.pollFirstEntry().getValue().forEach(recipient::deliver);
        }
    }

    /** Another member is typing: not held for a member still waiting for its welcome (it is of the moment). */
    void offerTyping(String about, Outbound.Text text) {
        if (held == null && !member.id().equals(about)) {
            recipient.deliver(text);
        }
    }

    /** The application removed this member's user from the room. */
    void removed() {
        recipient.removed();
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
