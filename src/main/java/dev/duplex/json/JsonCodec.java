package dev.duplex.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.parsson.JsonProviderImpl;

/** The one JSON codec: every message duplex writes or reads goes through here. Thread-safe. */
public final class JsonCodec {

    // Factories are thread-safe and costly to look up: one of each for the application's lifetime.
    private final JsonGeneratorFactory generators;
    private final JsonParserFactory parsers;

    public JsonCodec() {
        // The bundled provider, named rather than looked up: JsonProvider.provider() walks the
        // service files of every class loader up the chain and fails outright when a parent holds
        // another copy of JSON-P (embedded containers in tests, servers with their own).
        JsonProvider provider = new JsonProviderImpl();
        this.generators = provider.createGeneratorFactory(Map.of());
        this.parsers = provider.createParserFactory(Map.of());
    }

    public String write(JsonWritable message) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = generators.createGenerator(out)) {
            json.writeStartObject();
            message.writeFields(json);
            json.writeEnd();
        }
        return out.toString();
    }

    /** The text as a JSON object, or empty when it is not exactly one JSON object. */
    public Optional<JsonObject> readObject(String text) {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            return parser.hasNext() ? Optional.empty() : Optional.of(object); // "{} trailing" is not an object
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return Optional.empty(); // not JSON: the caller treats it as plain text
        }
    }
}
