package org.geochat.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How a room's events reach every member: on one node the relay numbers an event and hands it straight back
 * ({@link LocalRelay}); in a cluster it writes the event to the room's Redis stream and every node's reader
 * hands it to its own rooms ({@code org.geochat.chat.cluster.RedisRelay}). Either way a room delivers an event
 * only when it comes back through {@link Listener#arrived}, so every member on every node sees one order.
 */
public interface Relay extends AutoCloseable {

    /** What a relay hands back: to this node's rooms, by {@link ChatEvent#room()}. */
    interface Listener {

        /** A numbered event of a followed room, in id order; a repeat of one already seen is ignored. */
        void arrived(ChatEvent event);

        /**
         * Events of the room are kept for later because the cluster is unreachable: the room shows this node's
         * members those they have not seen ({@link Relay#takeUnshown}).
         */
        void kept(String room);

        /** Who is in the room as the cluster knows it (refreshed periodically; a crashed node's users drop out). */
        void presence(String room, Collection<String> nicks);

        /** The nicks of this node's members of a room, whose presence the relay keeps alive. */
        List<String> nicksHere(String room);
    }

    /**
     * A followed room's recent events (oldest first), who is in it, and the epoch of its id sequence (null while
     * the cluster has no events of the room: its first event brings one).
     */
    record Snapshot(List<ChatEvent> recent, Collection<String> presence, String epoch) {}

    enum Outcome {
        /** On its way: it arrives through {@link Listener#arrived}. */
        SENT,
        /** Kept for when the cluster is back; the room shows it to this node's members now ({@link #takeUnshown}). */
        PENDING,
        /** Dropped: the buffer for an unreachable cluster is full. */
        REFUSED
    }

    /**
     * Starts following a room on this node: completes with its snapshot, and from then on every later event of
     * the room arrives. Completes with an empty snapshot when the cluster is unreachable.
     */
    CompletionStage<Snapshot> follow(String room, int history);

    void unfollow(String room);

    /** Reserves {@code nick} in {@code room} across nodes: false when someone anywhere holds it. */
    CompletionStage<Boolean> claim(String room, String nick);

    /**
     * The events of {@code room} kept for when the cluster is back that nobody here has been shown, oldest first,
     * now counted as shown. The room calls it under its lock, so it shows them in order.
     */
    default List<ChatEvent> takeUnshown(String room) {
        return List.of();
    }

    /** Gives a claimed nick back (a join that did not happen). */
    void unclaim(String room, String nick);

    /**
     * Sends an event (not numbered yet) to the room on every node. Never blocks: called under the room's lock.
     *
     * @param lastId the highest id this node has seen in the room: the event's id will be higher
     */
    Outcome publish(ChatEvent event, long lastId);

    /**
     * A cluster's state for {@code /api/health}: its Redis without credentials, whether this node reaches it
     * (else it serves its own users alone), and how many of the buffer's places this node's events take.
     */
    @JsonbPropertyOrder({"redis", "connected", "buffered", "buffer", "lastFailure", "lastError"})
    record Status(String redis, boolean connected, int buffered, int buffer, Instant lastFailure, String lastError) {}

    /** Empty on a single node. */
    default Optional<Status> status() {
        return Optional.empty();
    }

    @Override
    void close();
}
