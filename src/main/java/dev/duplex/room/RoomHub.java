package dev.duplex.room;

import java.time.Duration;
import java.util.List;
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

    /** How long a {@code client_id} is remembered: a repeat within this time is not delivered again. */
    Duration CLIENT_ID_REMEMBERED = Duration.ofMinutes(10);

    /**
     * Sends {@code text} to every member of the room, the sender included, as one message event.
     * Every member receives it exactly once, and all members receive a room's messages in one order.
     * A message the room cannot take (Redis away too long) gets the sender an {@code error} event
     * with code {@code not_delivered} (and the {@code client_id}, if any); a sender that is not a
     * member is ignored.
     *
     * <p>With a {@code clientId} (null: none), once the message has its place in the room's order
     * (on Redis, once Redis appended it) the sender gets {@link RoomEvent.Ack} with the message's id,
     * after the message itself. The same {@code clientId} again from the same sender, in the same
     * room, within {@link #CLIENT_ID_REMEMBERED}, is acknowledged with the first message's id and
     * delivered to nobody. The sender is {@link Member#senderKey}: the user when tokens are on, so a
     * repeat after a reconnect or from another node is recognised; without tokens the connection.
     */
    void publish(String room, Member from, String text, String clientId);

    /**
     * Tells the room's other members, on every node, that {@code from} is typing: a
     * {@link RoomEvent.Typing}, never kept, never sent to the sender. Dropped if {@code from} is not a
     * member, or while Redis is away. The hub does not limit the rate: the endpoint does.
     */
    void typing(String room, Member from);

    /**
     * A message from the application's backend, which need not be a member: {@code from} is
     * {@code new Member(Member.API_ID, name, user)}. Every member on every node gets it as any message,
     * and it is kept in the room's history. Completes with the message (its id and time) once it has
     * its place in the room's order; fails with {@link RoomsUnavailableException} when Redis is away.
     * In memory a room exists while it has members: a post to a room with none completes as well,
     * but reaches nobody and is not kept (there is no room to keep it).
     */
    CompletionStage<RoomEvent.ChatMessage> post(String room, Member from, String text);

    /**
     * Who is in the room now, on every node: the count, and up to the presence limit of members
     * (in the order they joined in memory; in Redis's order on Redis). A room nobody is in is
     * {@code (0, [])}. Fails with {@link RoomsUnavailableException} when Redis is away.
     */
    CompletionStage<RoomSnapshot> describe(String room);

    /** A room's members: how many, and up to the presence limit of them. */
    record RoomSnapshot(long memberCount, List<Member> members) {
    }

    /**
     * The room's kept messages (its history, {@code duplex.room.history} of them), oldest first: the
     * newest {@code limit}; with {@code since} (a message id), the first {@code limit} after it.
     * Fails with {@link IllegalArgumentException} when {@code since} is not a message the room keeps
     * or {@code limit} is below 1, with {@link RoomsUnavailableException} when Redis is away.
     */
    CompletionStage<List<RoomEvent.ChatMessage>> messages(String room, String since, int limit);

    /**
     * Removes the user from the room: every connection of {@code user} in it, on every node, is told
     * {@link Recipient#removed} (the endpoint closes it with 1008 {@code removed}) and leaves the room
     * at once, its leave announced as for any leave (the endpoint's own leave on close then finds
     * nothing to do). Completes once every node has been told (on Redis: once the
     * notice is on the room's channel); fails with {@link RoomsUnavailableException} when Redis is away.
     */
    CompletionStage<Void> remove(String room, String user);

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
