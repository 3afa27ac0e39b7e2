package dev.duplex.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.duplex.json.JsonCodec;
import dev.duplex.room.RoomHub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthTest {

    private final JsonCodec json = new JsonCodec();

    @Test
    void upWithItsFiguresAndTheGroupLayer() {
        Health health = new Health(Duration.ofSeconds(42), 7, 2, new RoomHub.Status("memory", true));
        assertEquals("""
                {"status":"up","uptimeSeconds":42,"connections":7,"rooms":2,"groupLayer":{"type":"memory","state":"up"}}""",
                json.write(health));
    }

    @Test
    void downWhenTheGroupLayerCannotDeliver() {
        Health health = new Health(Duration.ZERO, 0, 0, new RoomHub.Status("redis", false));
        assertFalse(health.up());
        assertEquals("""
                {"status":"down","uptimeSeconds":0,"connections":0,"rooms":0,"groupLayer":{"type":"redis","state":"down"}}""",
                json.write(health));
    }
}
