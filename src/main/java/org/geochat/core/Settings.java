package org.geochat.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a setting by its environment-variable name ({@code GEOCHAT_UPSTREAM_URL}) from, in order: the system
 * property of the same name in lower case with dots ({@code geochat.upstream.url}), the environment variable,
 * the servlet context parameter (named like the system property), then the caller's default.
 * A value that does not parse fails with the setting's name, so a bad deployment stops at start-up.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private final List<UnaryOperator<String>> sources;

    public Settings(
            UnaryOperator<String> systemProperties,
            UnaryOperator<String> environment,
            UnaryOperator<String> contextParameters) {
        this.sources = List.of(systemProperties, environment, contextParameters);
    }

    /** The name a setting has as a system property and as a servlet context parameter. */
    public static String propertyName(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The raw value, blank values counting as unset. */
    public Optional<String> text(String envName) {
        String property = propertyName(envName);
        String[] keys = {property, envName, property};
        for (int i = 0; i < keys.length; i++) {
            String value = sources.get(i).apply(keys[i]);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    public int integer(String envName, int defaultValue, int min, int max) {
        return text(envName)
                .map(raw -> {
                    try {
                        int value = Integer.parseInt(raw);
                        if (value < min || value > max) {
                            throw invalid(envName, raw, "must be between " + min + " and " + max);
                        }
                        return value;
                    } catch (NumberFormatException e) {
                        throw invalid(envName, raw, "is not a whole number");
                    }
                })
                .orElse(defaultValue);
    }

    /** A duration such as {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h} or ISO-8601 {@code PT2S}, above zero. */
    public Duration duration(String envName, Duration defaultValue, Duration max) {
        return text(envName)
                .map(raw -> {
                    Duration value = parseDuration(envName, raw);
                    if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
                        throw invalid(
                                envName,
                                raw,
                                "must be above zero and at most "
                                        + max.toString().substring(2).toLowerCase(Locale.ROOT));
                    }
                    return value;
                })
                .orElse(defaultValue);
    }

    /** One of {@code allowed}, matched case-insensitively and returned as spelled there. */
    public String oneOf(String envName, String defaultValue, String... allowed) {
        return text(envName)
                .map(raw -> {
                    for (String choice : allowed) {
                        if (choice.equalsIgnoreCase(raw)) {
                            return choice;
                        }
                    }
                    throw invalid(envName, raw, "must be one of " + String.join(", ", allowed));
                })
                .orElse(defaultValue);
    }

    public Optional<URI> uri(String envName) {
        return text(envName).map(raw -> {
            try {
                URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw invalid(envName, raw, "must be an absolute http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw invalid(envName, raw, "is not a URL");
            }
        });
    }

    /**
     * A file. A relative path is resolved against the server's working directory (which is not where its start
     * command was typed: {@code cargo:run}'s Tomcat runs in {@code target/cargo/configurations/tomcat10x}), so it
     * is returned absolute, as the log and {@code /api/health} show it.
     */
    public Optional<Path> path(String envName) {
        return text(envName).map(raw -> {
            try {
                return Path.of(raw).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw invalid(envName, raw, "is not a file path");
            }
        });
    }

    /** A comma- or whitespace-separated list; empty when unset. */
    public List<String> list(String envName) {
        return text(envName)
                .map(raw -> Arrays.stream(raw.split("[,\\s]+"))
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private static Duration parseDuration(String envName, String raw) {
        Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw invalid(envName, raw, "is not a duration (use 500ms, 2s, 10m, 1h or PT2S)");
        }
    }

    private static IllegalArgumentException invalid(String envName, String raw, String why) {
        return new IllegalArgumentException(envName + "=" + raw + " " + why);
    }
}
