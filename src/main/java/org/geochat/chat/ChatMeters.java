package org.geochat.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.CloseReason.CloseCode;
import java.util.Collection;

/** The chat's meters: connections, rooms, messages in and frames out, outbox depth, closes by code and reason. */
final class ChatMeters {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter sent;

    /** The registry holds gauge sources weakly: {@code connections} and {@code rooms} are the chat's own. */
    ChatMeters(MeterRegistry registry, Collection<Connection> connections, Rooms rooms, AddressAllowance allowance) {
        this.registry = registry;
        Gauge.builder("geochat.chat.connections", connections, Collection::size)
                .description("open chat connections")
                .register(registry);
        Gauge.builder("geochat.chat.address.connections", allowance, AddressAllowance::counted)
                .description("chat connections counted against their client addresses (equal to the open ones)")
                .register(registry);
        Gauge.builder("geochat.chat.rooms", rooms, Rooms::count)
                .description("chat rooms")
                .register(registry);
        Gauge.builder("geochat.chat.outbox.frames", connections, ChatMeters::queued)
                .description("frames waiting in all outboxes")
                .register(registry);
        Gauge.builder("geochat.chat.outbox.max.frames", connections, ChatMeters::deepest)
                .description("frames waiting in the fullest outbox")
                .register(registry);
        received = Counter.builder("geochat.chat.messages.received")
                .description("chat messages received")
                .register(registry);
        sent = Counter.builder("geochat.chat.frames.sent")
                .description("frames written to chat clients")
                .register(registry);
    }

    void received() {
        received.increment();
    }

    void sent() {
        sent.increment();
    }

    /** A close geochat decided; {@code reason} is one of the endpoint's fixed reasons, never client text. */
    void closed(CloseCode code, String reason) {
        Counter.builder("geochat.chat.closes")
                .description("connections geochat closed, by close code and reason")
                .tags("code", Integer.toString(code.getCode()), "reason", reason)
                .register(registry)
                .increment();
    }

    private static double queued(Collection<Connection> connections) {
        return connections.stream().mapToInt(Connection::queued).sum();
    }

    private static double deepest(Collection<Connection> connections) {
        return connections.stream().mapToInt(Connection::queued).max().orElse(0);
    }
}
