package org.geochat.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** How many chat connections each client address holds, against the per-address cap (0: no cap). */
final class AddressAllowance {

    private final int max;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /** One connection's place in its address's allowance. */
    final class Place {
        private final String ip;
        private final AtomicBoolean givenBack = new AtomicBoolean();

        private Place(String ip) {
            this.ip = ip;
        }

        /** Frees the place, once however often called (a drop, then the close); an address holding none is forgotten. */
        void giveBack() {
            if (givenBack.compareAndSet(false, true)) {
                held.computeIfPresent(ip, (key, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    AddressAllowance(int max) {
        this.max = max;
    }

    /** A place for a connection from {@code ip}; null (and nothing counted) when that address holds its maximum already. */
    Place take(String ip) {
        boolean[] taken = {false};
        held.compute(ip, (key, count) -> {
            int current = count == null ? 0 : count;
            if (max > 0 && current >= max) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0] ? new Place(ip) : null;
    }

    /** The connections counted against all addresses: equal to the open connections, or a place was never given back. */
    int counted() {
        return held.values().stream().mapToInt(Integer::intValue).sum();
    }
}
