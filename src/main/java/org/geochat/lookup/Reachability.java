package org.geochat.lookup;

import java.time.Instant;

/** When the upstream last answered, when it last failed to, and why; for /api/health. */
public record Reachability(Instant lastSuccess, Instant lastFailure, String lastError) {

    /** Its latest exchange failed. */
    public boolean failing() {
        return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    }
}
