package org.geochat.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tornado's {@code yield [a, b]} and {@code yield dict(a=..., b=...)}, asyncio's {@code gather}: one stage
 * that completes with every result, in order (or by name), once all of them have, or fails as soon as the
 * first of them fails, with that failure. Nothing waits: each result is added by the stage that completes it.
 */
final class Gather {

    private Gather() {}

    static <T> CompletionStage<List<T>> list(List<? extends CompletionStage<T>> stages) {
        CompletionStage<List<T>> all = CompletableFuture.completedFuture(new ArrayList<>(stages.size()));
        for (CompletionStage<T> stage : stages) {
            all = all.thenCombine(stage, (results, result) -> {
                results.add(result);
                return results;
            });
        }
        return failFast(all, stages);
    }

    static <T> CompletionStage<Map<String, T>> map(Map<String, ? extends CompletionStage<T>> stages) {
        CompletionStage<Map<String, T>> all = CompletableFuture.completedFuture(new LinkedHashMap<>());
        for (Map.Entry<String, ? extends CompletionStage<T>> entry : stages.entrySet()) {
            all = all.thenCombine(entry.getValue(), (results, result) -> {
                results.put(entry.getKey(), result);
                return results;
            });
        }
        return failFast(all, stages.values());
    }

    /** {@code all}'s outcome, unless one of {@code stages} fails first: {@code thenCombine} alone would wait for the others. */
    private static <R> CompletionStage<R> failFast(
            CompletionStage<R> all, Collection<? extends CompletionStage<?>> stages) {
        CompletableFuture<R> outcome = new CompletableFuture<>();
        for (CompletionStage<?> stage : stages) {
            stage.whenComplete((result, failure) -> {
                if (failure != null) {
                    outcome.completeExceptionally(failure);
                }
            });
        }
        all.whenComplete((results, failure) -> {
            if (failure == null) {
                outcome.complete(results);
            } else {
                outcome.completeExceptionally(failure);
            }
        });
        return outcome;
    }
}
