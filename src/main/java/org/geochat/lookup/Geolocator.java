package org.geochat.lookup;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.geochat.core.AsyncBridge;
import org.geochat.core.Problem;
import org.geochat.core.ProblemException;
import org.geochat.net.InvalidIpException;
import org.geochat.net.IpAddress;

/**
 * Locates addresses: malformed input and special-purpose ranges are answered here, everything else by the
 * source: the local databases, in-process, or the configured {@link Upstream} behind a cache. The cache holds each
 * lookup's future, so concurrent lookups of one address share a single upstream call; a failed lookup is dropped
 * from it, never cached. Local answers are not cached: the database keeps its own decoded records.
 */
final class Geolocator {

    private static final Logger LOG = Logger.getLogger(Geolocator.class.getName());

    private final Function<IpAddress, CompletableFuture<Location>> source;
    /** Null when the source answers in-process. */
    private final AsyncCache<IpAddress, Location> cache;

    private Geolocator(Function<IpAddress, CompletableFuture<Location>> source, AsyncCache<IpAddress, Location> cache) {
        this.source = source;
        this.cache = cache;
    }

    /** @param local answers at once, from data in this process */
    static Geolocator local(Function<IpAddress, CompletableFuture<Location>> local) {
        return new Geolocator(local, null);
    }

    /** @param upstream looks up one address through the network, normally {@link Upstream#locate} */
    static Geolocator cached(
            Function<IpAddress, CompletableFuture<Location>> upstream,
            long cacheSize,
            Duration cacheTtl,
            Executor executor) {
        return new Geolocator(
                upstream,
                Caffeine.newBuilder()
                        .maximumSize(cacheSize)
                        .expireAfterWrite(cacheTtl)
                        .executor(executor)
                        .recordStats()
                        .buildAsync());
    }

    /** Publishes the cache's hits, misses, size and evictions as {@code cache_*{cache="lookup"}}. */
    public void monitor(MeterRegistry registry) {
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, "lookup");
        }
    }

    /** One address; the future fails with a {@link ProblemException}. */
    public CompletableFuture<Location> locate(String input) {
        return lookup(checked(input));
    }

    /**
     * Every entry of a batch at once, each distinct address looked up once. The answer has the batch's
     * shape, each entry's {@link Location} or {@link BatchError} in its place; the batch itself never fails.
     */
    public CompletableFuture<Object> locateAll(Batch batch) {
        Map<IpAddress, CompletableFuture<Location>> distinct = new HashMap<>();
        List<CompletableFuture<Object>> results =
                new ArrayList<>(batch.entries().size());
        for (JsonValue entry : batch.entries()) {
            results.add(settle(entry, distinct));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(allDone -> batch.shape(
                        results.stream().map(result -> result.getNow(null)).toList()));
    }

    /** The entry's location or error; the future never fails. */
    private CompletableFuture<Object> settle(JsonValue entry, Map<IpAddress, CompletableFuture<Location>> distinct) {
        String text = Batch.text(entry);
        String shown = text != null ? text : entry.toString();
        try {
            if (text == null) {
                throw LookupProblems.invalidIp("A batch entry must be a JSON string holding an IP address.")
                        .toException();
            }
            return distinct.computeIfAbsent(checked(text), this::lookup)
                    .handle((location, failure) ->
                            failure == null ? location : new BatchError(shown, problemOf(failure)));
        } catch (ProblemException e) {
            return CompletableFuture.completedFuture(new BatchError(shown, e.problem()));
        }
    }

    /** The address in {@code input}, if it is one and has a public location; else a 400 or 422 problem. */
    static IpAddress checked(String input) {
        IpAddress ip;
        try {
            ip = IpAddress.parse(input);
        } catch (InvalidIpException e) {
            throw LookupProblems.invalidIp(e.getMessage()).toException();
        }
        SpecialRange.of(ip).ifPresent(range -> {
            throw LookupProblems.reservedRange(ip, range).toException();
        });
        return ip;
    }

    /**
     * Caffeine drops a failed lookup from the cache too, but in a callback that runs after ours: a client could
     * hear of the failure and retry before it is gone. Removing it first means a retry always calls again.
     */
    private CompletableFuture<Location> lookup(IpAddress ip) {
        if (cache == null) {
            return source.apply(ip);
        }
        CompletableFuture<Location> looked = cache.get(ip, (key, executor) -> source.apply(key));
        return looked.whenComplete((location, failure) -> {
            if (failure != null) {
                cache.asMap().remove(ip, looked);
            }
        });
    }

    private static Problem problemOf(Throwable failure) {
        Throwable cause = AsyncBridge.unwrap(failure);
        if (cause instanceof ProblemException problem) {
            return problem.problem();
        }
        LOG.log(Level.SEVERE, "Unexpected failure of a batch entry", cause);
        return Problem.internalError("This entry failed unexpectedly.");
    }
}
