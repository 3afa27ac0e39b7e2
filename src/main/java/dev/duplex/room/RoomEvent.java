package dev.duplex.room;

import dev.duplex.json.JsonWritable;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Everything the server sends on {@code /room/{group}}: one JSON object per text message, told apart
 * by {@code type}. Times are ISO-8601 UTC with milliseconds.
 * <pre>
 * welcome  {"type":"welcome","room":r,"id":own id,"name":own name[,"user":u],"members":[member...],"member_count":n,"history":[message...]}
 * join     {"type":"join","room":r,"member":member,"time":t}             to the others, while the room is small
 * leave    {"type":"leave","room":r,"member":member,"time":t}            to the others, while the room is small
 * members  {"type":"members","room":r,"members":[member...],"member_count":n}   to all, when the room passes the limit or comes back to it
 * message  {"type":"message","room":r,"id":message id,"from":member,"text":s,"time":t}   to everyone
 * ack      {"type":"ack","client_id":c,"id":message id}                  to the sender of a message with a client_id
 * typing   {"type":"typing","room":r,"member":member}                    to the others; not kept
 * error    {"type":"error","code":c,"reason":s[,"client_id":c]}          to one client; it stays connected
 * skipped  {"type":"skipped","room":r,"count":n}                           to a member that fell behind and missed n messages
 * resync   {"type":"resync","room":r,"since":id,"reason":s}                to a member coming back whose last message is no longer kept
 * </pre>
 * A member is {@code {"id","name"}}, with {@code "user"} (the token's {@code sub}) when tokens are on.
 * A room of more members than the presence limit ({@link Presence}) announces no joins or leaves,
 * and its welcome lists only as many members as the limit, the newcomer included: {@code member_count}
 * tells how many there are.
 */
public sealed interface RoomEvent extends JsonWritable {

    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    record Welcome(String room, Member you, List<Member> members, long memberCount, List<ChatMessage> history)
            implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "welcome").write("room", room).write("id", you.id()).write("name", you.name());
            if (you.user() != null) {
                json.write("user", you.user());
            }
            json.writeStartArray("members");
            members.forEach(member -> member.writeInArray(json));
            json.writeEnd().write("member_count", memberCount).writeStartArray("history");
            for (ChatMessage message : history) {
                json.writeStartObject();
                message.writeFields(json);
                json.writeEnd();
            }
            json.writeEnd();
        }
    }

    /** The room's members now (at most the presence limit of them), when it becomes big or small again. */
    record Members(String room, List<Member> members, long memberCount) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "members").write("room", room).writeStartArray("members");
            members.forEach(member -> member.writeInArray(json));
            json.writeEnd().write("member_count", memberCount);
        }
    }

    record Joined(String room, Member member, Instant time) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "join").write("room", room);
            member.writeAs("member", json);
            json.write("time", TIME.format(time));
        }
    }

    record Left(String room, Member member, Instant time) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "leave").write("room", room);
            member.writeAs("member", json);
            json.write("time", TIME.format(time));
        }
    }

    record ChatMessage(String room, String id, Member from, String text, Instant time) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "message").write("room", room).write("id", id);
            from.writeAs("from", json);
            json.write("text", text).write("time", TIME.format(time));
        }
    }

    /**
     * A message has its place in the room's order: its sender learns its id by the {@code client_id}
     * it chose. A repeat of that {@code client_id} gets the first message's id.
     */
    record Ack(String clientId, String id) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "ack").write("client_id", clientId).write("id", id);
        }
    }

    /** A member is typing: to the others, never kept. */
    record Typing(String room, Member member) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "typing").write("room", room);
            member.writeAs("member", json);
        }
    }

    /**
     * A refused message; {@code code} is {@link #RATE_LIMITED}, {@link #NOT_DELIVERED}, {@link #FORBIDDEN}
     * or one of {@link ClientCommand}'s codes. {@code clientId}: the refused message's, or null.
     */
    record Error(String code, String reason, String clientId) implements RoomEvent {
        public static final String RATE_LIMITED = "rate_limited";
        public static final String NOT_DELIVERED = "not_delivered";
        public static final String FORBIDDEN = "forbidden";

        public Error(String code, String reason) {
            this(code, reason, null);
        }

        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "error").write("code", code).write("reason", reason);
            if (clientId != null) {
                json.write("client_id", clientId);
            }
        }
    }

    /** Sent to a member once it has caught up after falling behind: it did not get {@code count} messages. */
    record Skipped(String room, long count) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "skipped").write("room", room).write("count", count);
        }
    }

    /** Before the welcome of a member that came back with a {@code since} the room no longer keeps. */
    record Resync(String room, String since) implements RoomEvent {
        @Override
        public void writeFields(JsonGenerator json) {
            json.write("type", "resync").write("room", room).write("since", since)
                    .write("reason", "messages after this id are no longer kept: start over from the welcome");
        }
    }
}
