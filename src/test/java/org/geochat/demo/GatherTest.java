package org.geochat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.geochat.core.AsyncBridge;
import org.junit.jupiter.api.Test;

class GatherTest {

    @Test
    void aListKeepsTheOrderOfTheStagesNotOfTheirCompletion() {
        List<CompletableFuture<Integer>> stages = IntStream.range(0, 5)
                .mapToObj(i -> new CompletableFuture<Integer>())
                .toList();
        CompletableFuture<List<Integer>> all = Gather.list(stages).toCompletableFuture();
        for (int i = 4; i >= 0; i--) {
            assertFalse(all.isDone(), "complete before stage " + i);
            stages.get(i).complete(i * 10);
        }
        assertEquals(List.of(0, 10, 20, 30, 40), all.getNow(null));
    }

    @Test
    void aMapKeepsTheNamesInTheirOrder() {
        Map<String, CompletableFuture<String>> stages = new LinkedHashMap<>();
        stages.put("rep3", new CompletableFuture<>());
        stages.put("rep4", new CompletableFuture<>());
        CompletableFuture<Map<String, String>> all = Gather.map(stages).toCompletableFuture();
        stages.get("rep4").complete("b");
        assertFalse(all.isDone());
        stages.get("rep3").complete("a");
        assertEquals(List.of("rep3", "rep4"), List.copyOf(all.getNow(null).keySet()));
        assertEquals("a", all.getNow(null).get("rep3"));
    }

    @Test
    void nothingToGatherIsAnEmptyResultAtOnce() {
        assertEquals(
                List.of(), Gather.<Integer>list(List.of()).toCompletableFuture().getNow(null));
        assertEquals(
                Map.of(), Gather.<Integer>map(Map.of()).toCompletableFuture().getNow(null));
    }

    @Test
    void theFirstFailureInTimeFailsTheGatherAtOnce() {
        List<CompletableFuture<Integer>> stages = List.of(new CompletableFuture<>(), new CompletableFuture<>());
        CompletableFuture<List<Integer>> all = Gather.list(stages).toCompletableFuture();
        IllegalStateException second = new IllegalStateException("second");
        stages.get(1).completeExceptionally(second);
        assertTrue(all.isCompletedExceptionally(), "still waiting for the first stage");
        Throwable[] cause = new Throwable[1];
        all.whenComplete((value, failure) -> cause[0] = failure);
        assertSame(second, AsyncBridge.unwrap(cause[0]));
    }

    @Test
    void aFailureFailsTheGatherWithThatCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<CompletionStage<Integer>> stages =
                List.of(CompletableFuture.completedFuture(1), CompletableFuture.failedFuture(boom));
        CompletableFuture<List<Integer>> all = Gather.list(stages).toCompletableFuture();
        assertTrue(all.isCompletedExceptionally());
        Throwable[] cause = new Throwable[1];
        all.whenComplete((value, failure) -> cause[0] = failure);
        assertSame(boom, AsyncBridge.unwrap(cause[0]));
    }
}
