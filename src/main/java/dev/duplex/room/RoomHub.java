package dev.duplex.room;

import java.util.concurrent.CompletionStage;

/**
 * The group layer, as the room endpoint sees it: who is in which room, and every room's messages.
 * A room exists while it has members. The in-memory hub serves one node; the Redis hub shares rooms
 * across nodes. No method waits on the network: what needs Redis's answer completes later.
 */
public interface RoomHub extends AutoCloseable {

    /**
     * Seats the member: it gets a welcome (members and recent history), the others a join event. With
     * {@code since}, the id of the last message a returning client has, the welcome's history is
     * every message after that one; if the room no longer keeps that message among its recent ones,
     * the client first gets a {@code resync} event, then the usual welcome: it learns of the gap
     * rather than missing it silently.
     *
     * <p>The stage completes once the welcome is handed to the recipient; what the room sends the
     * member meanwhile reaches it after the welcome, once. It fails with {@link RoomsUnavailableException}
     * when the rooms cannot take a member now (Redis away); the member is then not seated.
     */
    CompletionStage<Void> join(String room, Member member, String since, Recipient recipient);

    /** Removes the member, if present (or still joining), and tells the others. */
    void leave(String room, Member member);

    /**
     * Sends {@code text} to every member of the room, the sender included, as one message event.
     * Every member receives it exactly once, and all members receive a room's messages in one order.
     * A message the room cannot take (Redis away too long) gets the sender an {@code error} event
     * with code {@code not_delivered}; a sender that is not a member is ignored.
     */
    void publish(String room, Member from, String text);

    /** Rooms that currently have members on this node. */
    int roomCount();

    /** Members of rooms on this node: its room connections that have taken their seat. */
    int memberCount();

    /** The group layer's kind and whether it works now: what {@code /health} reports. */
    Status status();

    /** {@code layer} is {@code memory} or {@code redis}; {@code up} is false while Redis cannot be reached. */
    record Status(String layer, boolean up) {
    }

    /** Releases what the hub holds beyond memory (connections, threads); called when duplex stops. */
    @Override
    void close();
}
