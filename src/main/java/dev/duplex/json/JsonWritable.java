package dev.duplex.json;

import jakarta.json.stream.JsonGenerator;

/** A wire message that knows its own JSON fields; {@link JsonCodec} wraps them in an object. */
public interface JsonWritable {

    /** Writes this message's fields into the object that {@code json} has open. */
    void writeFields(JsonGenerator json);
}
