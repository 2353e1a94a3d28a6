package org.geochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;

/** One read of a deployment's /metrics (Prometheus text format), with lookups of a sample by name and labels. */
public record Scrape(String text) {

    public static Scrape of(Http http) {
        HttpResponse<String> response = http.get("metrics");
        assertEquals(200, response.statusCode(), response.body());
        return new Scrape(response.body());
    }

    /**
     * The sum of the samples named {@code name} whose labels include every {@code label="value"} pair given;
     * NaN when there is none.
     */
    public double value(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum)
                .orElse(Double.NaN);
    }
}
