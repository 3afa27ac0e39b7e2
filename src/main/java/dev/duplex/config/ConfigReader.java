package dev.duplex.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one place settings are read from. A key such as {@code duplex.time.zone} is looked up, first
 * hit wins, as a system property ({@code -Dduplex.time.zone=...}), an environment variable
 * ({@code DUPLEX_TIME_ZONE}), then a context parameter of the web application.
 */
public final class ConfigReader {

    private final List<Function<String, String>> sources;

    public ConfigReader(List<Function<String, String>> sources) {
        this.sources = List.copyOf(sources);
    }

    /** System properties, then the environment, then {@code contextParameters} (may be null). */
    public static ConfigReader standard(UnaryOperator<String> contextParameters) {
        Function<String, String> context = contextParameters == null ? key -> null : contextParameters;
        return new ConfigReader(List.of(System::getProperty, key -> System.getenv(environmentName(key)), context));
    }

    /** {@code duplex.time.zone} becomes {@code DUPLEX_TIME_ZONE}. */
    public static String environmentName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    public Optional<String> get(String key) {
        for (Function<String, String> source : sources) {
            String value = source.apply(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        return get(key).map(value -> parseInt(key, value, min, max)).orElse(defaultValue);
    }

    private static int parseInt(String key, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
