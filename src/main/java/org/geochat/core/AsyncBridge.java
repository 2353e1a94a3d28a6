package org.geochat.core;

import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The one way a resource hands a {@link CompletionStage} to a suspended {@link AsyncResponse}. */
public final class AsyncBridge {

    private AsyncBridge() {}

    /**
     * Arms the timeout, then starts the call and resumes the response with its outcome. Failures reach the
     * exception mappers as their cause, never wrapped in {@link CompletionException}. A call that throws
     * before returning a stage is resumed with that exception.
     *
     * <p>The timeout handler and the stage race to resume; {@code AsyncResponse} lets only the first one win
     * and the loser's {@code resume} returns false, so the response is written exactly once.
     */
    public static <T> void resume(
            AsyncResponse response, Duration timeout, Supplier<? extends CompletionStage<T>> call) {
        response.setTimeoutHandler(
                late -> late.resume(Problem.upstreamTimeout("No answer within " + timeout.toMillis() + " ms.")
                        .toException()));
        response.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            response.resume(e);
            return;
        }
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                response.resume(value);
            } else {
                response.resume(unwrap(failure));
            }
        });
    }

    /** The cause a {@link CompletionException} or {@link ExecutionException} wraps. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
