package org.geochat.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many chat connections each client address holds, against the per-address cap (0: no cap). */
final class AddressAllowance {

    private final int max;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    AddressAllowance(int max) {
        this.max = max;
    }

    /** Counts a connection from {@code ip}; false (and not counted) when that address holds its maximum already. */
    boolean take(String ip) {
        boolean[] taken = {false};
        held.compute(ip, (key, count) -> {
            int current = count == null ? 0 : count;
            if (max > 0 && current >= max) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** The connections counted against all addresses: equal to the open connections, or a place was never given back. */
    int counted() {
        return held.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Gives back one place {@link #take} counted; an address holding none is forgotten. */
    void giveBack(String ip) {
        held.computeIfPresent(ip, (key, count) -> count == 1 ? null : count - 1);
    }
}
