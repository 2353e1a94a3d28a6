package org.geochat.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One chat room on this node: its members here, its recent history, who is in it (here and, in a cluster, on
 * the other nodes) and the last event id it has seen. Members publish through the {@link Relay}, and an event
 * is delivered when it {@link #arrived} back from it, numbered: on one node at once, in a cluster once it has
 * gone round the room's Redis stream. Every change happens under the room's lock, and so does handing frames
 * to the members' outboxes (which never blocks): every member sees the room's events in id order, and a
 * joiner's history and the live events that follow neither overlap nor leave a hole. Members whose outboxes
 * overflow are closed after the lock is released, since closing calls back into {@link #leave}.
 *
 * <p>A joiner gets the presence list at once; the others get it coalesced, a moment after a change: sending
 * every member the whole list on every join would cost the square of the room's size when many join at once.
 *
 * <p>Longer than most classes here on purpose: it is everything done under the room's lock, kept in one place
 * so the order it guarantees can be checked by reading one file.
 */
final class Room {

    /** Why a join was refused. */
    enum Refusal {
        NICK_TAKEN,
        RETIRED
    }

    /** Refs of pending events a room remembers until their numbered copies come; beyond this the oldest are forgotten. */
    static final int MAX_REFS = 10_000;

    private final String name;
    private final Clock clock;
    /** Runs a task a moment later, on another thread. */
    private final Consumer<Runnable> soon;

    private final Relay relay;
    private final CompletableFuture<Room> ready = new CompletableFuture<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final History history;
    private final Set<String> presence = new LinkedHashSet<>();
    /** Refs of the pending events shown here (see {@link #showKept}), at most {@link #MAX_REFS}. */
    private final Set<String> shownPending = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REFS;
        }
    });
    /** Members whose outbox refused a frame, to be closed once the lock is released; see {@link #dropSlow}. */
    private final List<Member> slow = new ArrayList<>();

    private boolean presencePending;
    private boolean retired;

    Room(String name, int historySize, Clock clock, Consumer<Runnable> soon, Relay relay) {
        this.name = name;
        this.history = new History(historySize);
        this.clock = clock;
        this.soon = soon;
        this.relay = relay;
    }

    String name() {
        return name;
    }

    /** Completes once the room knows its recent history (a cluster's room reads it from Redis first). */
    CompletableFuture<Room> ready() {
        return ready;
    }

    /** What the relay knew when this node began following the room; joins wait for it. */
    void load(Relay.Snapshot snapshot) {
        synchronized (this) {
            history.merge(snapshot.recent()); // the reader may have handed on newer ones already
            history.begin(snapshot.epoch());
            presence.addAll(snapshot.presence());
        }
        ready.complete(this);
    }

    /**
     * Adds {@code member} as {@code nick} unless that is taken here: it gets the history (all of it, or what came
     * after {@code resume}, as its {@link Dialect} says) and the presence list, then its join goes out to everyone.
     *
     * @param resume where the member's client left off; null for a first join
     */
    Refusal join(Member member, String nick, Resume resume) {
        synchronized (this) {
            if (retired) {
                return Refusal.RETIRED;
            }
            if (members.putIfAbsent(nick, member) != null) {
                return Refusal.NICK_TAKEN;
            }
            member.admitted(this, nick);
            Dialect dialect = member.dialect();
            if (!(dialect.history(history.after(resume)).stream().allMatch(member::deliver)
                    && member.deliver(dialect.presence(presenceWith(nick))))) {
                slow.add(member);
            }
            publish(ChatEvent.Type.JOIN, member, null);
        }
        dropSlow();
        return null;
    }

    /** False when the message could not be kept (a cluster unreachable for too long): the sender is told. */
    boolean say(Member member, String text) {
        boolean kept = true;
        synchronized (this) {
            if (members.get(member.nick()) == member) { // else it left meanwhile
                kept = publish(ChatEvent.Type.MESSAGE, member, text);
            }
        }
        dropSlow();
        return kept;
    }

    void leave(Member member) {
        synchronized (this) {
            if (members.remove(member.nick(), member)) {
                publish(ChatEvent.Type.LEAVE, member, null);
            }
        }
        dropSlow();
    }

    /** An event back from the relay: delivered unless it is a repeat; ids skipped in between are reported as a gap. */
    void arrived(ChatEvent event) {
        synchronized (this) {
            long lastId = history.lastId();
            if (event.id() <= lastId) {
                return;
            }
            long missed =
                    lastId == 0 ? 0 : event.id() - lastId - 1; // trimmed from the stream before this node read them
            history.remember(event);
            boolean shownHere = event.ref() != null && shownPending.remove(event.ref());
            for (Member member : members.values()) {
                Dialect dialect = member.dialect();
                if (!(member.deliver(dialect.gap(missed)) && member.deliver(dialect.event(event, shownHere)))) {
                    slow.add(member);
                }
            }
            applyToPresence(event);
        }
        dropSlow();
    }

    /** The events the cluster will number later, shown to the members here now (marked pending, without an id). */
    void showKept() {
        synchronized (this) {
            for (ChatEvent event : relay.takeUnshown(name)) { // taken and shown under the lock: in their order
                shownPending.add(event.ref());
                for (Member member : members.values()) {
                    if (!member.deliver(member.dialect().event(event, false))) {
                        slow.add(member);
                    }
                }
                applyToPresence(event);
            }
        }
        dropSlow();
    }

    /** Who is in the room as the cluster knows it; the members here get a new list if it changed. */
    synchronized void presence(Collection<String> nicks) {
        Set<String> known = new LinkedHashSet<>(nicks);
        if (!known.equals(presence)) {
            presence.retainAll(known);
            presence.addAll(known);
            presenceChanged();
        }
    }

    /** Retires the room if nobody is in it; a retired room refuses joins and its name can be made anew. */
    synchronized boolean retireIfEmpty() {
        retired = retired || members.isEmpty();
        return retired;
    }

    synchronized int size() {
        return members.size();
    }

    synchronized long lastId() {
        return history.lastId();
    }

    /** The nicks of this node's members. */
    synchronized List<String> nicks() {
        return List.copyOf(members.keySet());
    }

    /** False when the relay refused it (it is then dropped). */
    private boolean publish(ChatEvent.Type type, Member from, String text) {
        ChatEvent event = ChatEvent.of(
                type, 0, history.epoch(), name, from.nick(), from.ip(), from.country(), clock.instant(), text, null);
        Relay.Outcome outcome = relay.publish(event, history.lastId());
        if (outcome == Relay.Outcome.PENDING) {
            showKept();
        }
        return outcome != Relay.Outcome.REFUSED;
    }

    private void applyToPresence(ChatEvent event) {
        boolean changed = switch (event.type()) {
            case JOIN -> presence.add(event.nick());
            case LEAVE -> presence.remove(event.nick());
            case MESSAGE -> false;
        };
        if (changed) {
            presenceChanged();
        }
    }

    private void presenceChanged() {
        if (!presencePending) {
            presencePending = true;
            soon.accept(this::sendPresence);
        }
    }

    private void sendPresence() {
        synchronized (this) {
            presencePending = false;
            Presence list = presenceWith(null);
            for (Member member : members.values()) {
                if (!member.deliver(member.dialect().presence(list))) {
                    slow.add(member);
                }
            }
        }
        dropSlow();
    }

    /**
     * Closes the members whose outboxes overflowed, outside the lock. A call nested in another of this room's
     * methods (the local relay hands an event back while its publisher holds the lock) leaves that to the outer one.
     */
    private void dropSlow() {
        if (Thread.holdsLock(this)) {
            return;
        }
        List<Member> dropping;
        synchronized (this) {
            if (slow.isEmpty()) {
                return;
            }
            dropping = List.copyOf(slow);
            slow.clear();
        }
        dropping.forEach(Member::slowConsumer);
    }

    /** The presence list, with a joiner whose own join has not come back yet. */
    private Presence presenceWith(String joiner) {
        if (joiner == null || presence.contains(joiner)) {
            return new Presence(presence);
        }
        Set<String> users = new LinkedHashSet<>(presence);
        users.add(joiner);
        return new Presence(users);
    }
}
