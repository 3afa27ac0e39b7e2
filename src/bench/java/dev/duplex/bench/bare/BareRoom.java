package dev.duplex.bench.bare;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's baseline for room fan-out: every text message goes, as it is, to every session of
 * the room, sent blocking from the sender's thread, one member after the other. No presence, no
 * history, no JSON: the container's own cost of a broadcast.
 */
@ServerEndpoint("/room/{group}")
public class BareRoom {

    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("group") String group) {
        ROOMS.computeIfAbsent(group, name -> ConcurrentHashMap.newKeySet()).add(session);
    }

    @OnMessage(maxMessageSize = 8192) // Tomcat's stock buffer, see BareEcho
    public void message(String text, @PathParam("group") String group) {
        for (Session member : ROOMS.getOrDefault(group, Set.of())) {
            try {
                synchronized (member) { // blocking sends to one session must not overlap
                    member.getBasicRemote().sendText(text);
                }
            } catch (IOException | IllegalStateException gone) {
                // closing: its onClose removes it
            }
        }
    }

    @OnClose
    public void close(Session session, @PathParam("group") String group) {
        Set<Session> room = ROOMS.get(group);
        if (room != null) {
            room.remove(session);
        }
    }

    @OnError
    public void error(Throwable error) {
        // a client gone mid-send: nothing to do in a baseline
    }
}
