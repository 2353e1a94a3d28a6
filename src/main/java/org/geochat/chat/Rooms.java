package org.geochat.chat;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This node's rooms by name, each followed through the relay while it exists; what the relay hands back goes to
 * the room it names. Rooms are made on first use; at the cap, empty ones (and their history) make way. Joins
 * are orchestrated here: a room made anew meanwhile, a nick taken, a guest number taken.
 */
final class Rooms implements Relay.Listener, AutoCloseable {

    private final Map<String, Room> byName = new ConcurrentHashMap<>();
    private final ChatConfig config;
    private final Clock clock;
    private final Consumer<Runnable> soon;
    private final Relay relay;
    private final AtomicLong guests = new AtomicLong();

    /**
     * @param soon runs a task on a worker a moment from now (a room's coalesced presence updates)
     * @param relay makes the relay the rooms publish through, given where it hands events back
     */
    Rooms(ChatConfig config, Clock clock, Consumer<Runnable> soon, Function<Relay.Listener, Relay> relay) {
        this.config = config;
        this.clock = clock;
        this.soon = soon;
        this.relay = relay.apply(this);
    }

    /**
     * The room of that name, created on first use; null at the cap when every room has members. A retired room
     * refuses joins, so a joiner that raced its retirement asks again.
     */
    private Room room(String name) {
        Room room = byName.get(name);
        if (room != null) {
            return room;
        }
        if (byName.size() >= config.maxRooms()) {
            byName.values().removeIf(this::retire);
            if (byName.size() >= config.maxRooms()) {
                return null;
            }
        }
        return byName.computeIfAbsent(name, this::follow);
    }

    private Room follow(String name) {
        Room room = new Room(name, config.history(), clock, soon, relay);
        relay.follow(name, config.history()).thenAccept(room::load);
        return room;
    }

    private boolean retire(Room room) {
        boolean retired = room.retireIfEmpty();
        if (retired) {
            relay.unfollow(room.name());
        }
        return retired;
    }

    /** How a join ended. */
    enum Joined {
        JOINED,
        TOO_MANY_ROOMS,
        NICK_TAKEN
    }

    /**
     * Joins {@code member} to the room {@code name} once the room is ready and the nick is claimed across the
     * cluster (at once, on this thread, on a single node); the member hears {@link Member#admitted} first. A guest
     * (no {@code nick} asked for) whose number is taken gets the next; a room retired meanwhile is asked for again.
     * Completes exceptionally only when the relay failed.
     */
    CompletionStage<Joined> join(String name, Member member, String nick, Resume resume) {
        Room room = room(name);
        if (room == null) {
            return CompletableFuture.completedFuture(Joined.TOO_MANY_ROOMS);
        }
        String asked = nick != null ? nick : "Guest-" + guests.incrementAndGet();
        return room.ready().thenCompose(ready -> relay.claim(name, asked)).thenCompose(claimed -> {
            Room.Refusal refusal = claimed ? room.join(member, asked, resume) : Room.Refusal.NICK_TAKEN;
            if (claimed && refusal != null) {
                relay.unclaim(name, asked);
            }
            if (refusal == null) {
                return CompletableFuture.completedFuture(Joined.JOINED);
            }
            if (refusal == Room.Refusal.RETIRED || nick == null) {
                return join(name, member, nick, resume);
            }
            return CompletableFuture.completedFuture(Joined.NICK_TAKEN);
        });
    }

    int count() {
        return byName.size();
    }

    /** The cluster's state; empty on a single node. */
    Optional<Relay.Status> cluster() {
        return relay.status();
    }

    @Override
    public void arrived(ChatEvent event) {
        known(event.room()).ifPresent(room -> room.arrived(event));
    }

    @Override
    public void kept(String room) {
        known(room).ifPresent(Room::showKept);
    }

    @Override
    public void presence(String room, Collection<String> nicks) {
        known(room).ifPresent(found -> found.presence(nicks));
    }

    @Override
    public List<String> nicksHere(String room) {
        return known(room).map(Room::nicks).orElse(List.of());
    }

    /** The room of that name if this node has it (a room retired meanwhile is not made anew for the relay). */
    private Optional<Room> known(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public void close() {
        relay.close();
    }
}
