package org.geochat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.geochat.core.ProblemException;
import org.geochat.core.UpstreamFailure;
import org.geochat.net.IpAddress;
import org.junit.jupiter.api.Test;

/** The gateway's lookup logic against a fake upstream that counts calls and completes them on demand. */
class GeolocatorTest {

    private final Map<IpAddress, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<IpAddress, CompletableFuture<Location>> pending = new ConcurrentHashMap<>();
    private final Geolocator geolocator =
            Geolocator.cached(this::fakeUpstream, 1000, Duration.ofHours(1), Runnable::run);

    private CompletableFuture<Location> fakeUpstream(IpAddress ip) {
        calls.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
        return pending.computeIfAbsent(ip, k -> new CompletableFuture<>());
    }

    private void answer(String ip) {
        pending.remove(IpAddress.parse(ip)).complete(location(ip));
    }

    private void fail(String ip) {
        pending.remove(IpAddress.parse(ip)).completeExceptionally(UpstreamFailure.error("boom"));
    }

    private int callsFor(String ip) {
        AtomicInteger count = calls.get(IpAddress.parse(ip));
        return count == null ? 0 : count.get();
    }

    private static Location location(String ip) {
        return new Location(ip, "US", "United States", null, null, null, null, "test", null);
    }

    private static Batch batch(String json) {
        return Batch.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 100);
    }

    @Test
    void concurrentLookupsOfOneAddressShareOneUpstreamCall() {
        List<CompletableFuture<Location>> lookups = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lookups.add(geolocator.locate(i % 2 == 0 ? "8.8.8.8" : "::ffff:8.8.8.8"));
        }
        assertEquals(1, callsFor("8.8.8.8"));
        assertTrue(lookups.stream().noneMatch(CompletableFuture::isDone));
        answer("8.8.8.8");
        assertTrue(lookups.stream()
                .allMatch(f -> f.getNow(null) != null
                        && "8.8.8.8".equals(f.getNow(null).ip())));
    }

    @Test
    void successesAreCachedFailuresAreNot() {
        CompletableFuture<Location> first = geolocator.locate("1.1.1.1");
        fail("1.1.1.1");
        assertTrue(first.isCompletedExceptionally());

        CompletableFuture<Location> second = geolocator.locate("1.1.1.1");
        assertEquals(2, callsFor("1.1.1.1"));
        answer("1.1.1.1");
        assertEquals("1.1.1.1", second.getNow(null).ip());

        geolocator.locate("1.1.1.1");
        assertEquals(2, callsFor("1.1.1.1"));
    }

    @Test
    void badAndReservedInputNeverReachesTheUpstream() {
        assertEquals("invalid-ip", code(() -> geolocator.locate("999.1.1.1")));
        assertEquals("reserved-range", code(() -> geolocator.locate("10.0.0.1")));
        assertEquals("reserved-range", code(() -> geolocator.locate("::ffff:127.0.0.1")));
        assertTrue(calls.isEmpty());
    }

    @Test
    void aListBatchAnswersInInputOrderWithErrorsInPlace() {
        CompletableFuture<Object> result = geolocator.locateAll(
                batch("[\"8.8.8.8\", \"not-an-ip\", \"1.1.1.1\", 7, \"192.168.0.1\", \"8.8.8.8\", \"9.9.9.9\"]"));
        assertEquals(1, callsFor("8.8.8.8"));
        answer("1.1.1.1");
        answer("8.8.8.8");
        assertFalse(result.isDone());
        fail("9.9.9.9");

        List<?> answers = assertInstanceOf(List.class, result.getNow(null));
        assertEquals(7, answers.size());
        assertEquals("8.8.8.8", ((Location) answers.get(0)).ip());
        assertEquals("invalid-ip", ((BatchError) answers.get(1)).error().code());
        assertEquals("not-an-ip", ((BatchError) answers.get(1)).ip());
        assertEquals("1.1.1.1", ((Location) answers.get(2)).ip());
        assertEquals("invalid-ip", ((BatchError) answers.get(3)).error().code());
        assertEquals("7", ((BatchError) answers.get(3)).ip());
        assertEquals("reserved-range", ((BatchError) answers.get(4)).error().code());
        assertSame(answers.get(0), answers.get(5));
        assertEquals("upstream-error", ((BatchError) answers.get(6)).error().code());
    }

    @Test
    void aMapBatchAnswersUnderTheSameNames() {
        CompletableFuture<Object> result =
                geolocator.locateAll(batch("{\"google\": \"8.8.8.8\", \"lan\": \"10.1.1.1\"}"));
        answer("8.8.8.8");
        Map<?, ?> answers = assertInstanceOf(Map.class, result.getNow(null));
        assertEquals(List.of("google", "lan"), List.copyOf(answers.keySet()));
        assertEquals("8.8.8.8", ((Location) answers.get("google")).ip());
        assertEquals("reserved-range", ((BatchError) answers.get("lan")).error().code());
    }

    @Test
    void anEmptyBatchIsAnEmptyAnswer() {
        assertEquals(List.of(), geolocator.locateAll(batch("[]")).getNow(null));
    }

    @Test
    void localLookupsAnswerAtOnceEveryTimeWithoutACache() {
        List<IpAddress> asked = new ArrayList<>();
        Geolocator local = Geolocator.local(ip -> {
            asked.add(ip);
            return CompletableFuture.completedFuture(location(ip.toString()));
        });
        assertEquals("8.8.8.8", local.locate("8.8.8.8").getNow(null).ip());
        assertEquals("8.8.8.8", local.locate("::ffff:8.8.8.8").getNow(null).ip());
        assertEquals(2, asked.size(), "the database keeps its own records: nothing cached on top");
        assertEquals("reserved-range", code(() -> local.locate("10.0.0.1")));
        assertEquals(2, asked.size());
    }

    private static String code(Runnable call) {
        return assertThrows(ProblemException.class, call::run).problem().code();
    }
}
