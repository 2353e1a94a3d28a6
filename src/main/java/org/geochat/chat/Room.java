package org.geochat.chat;

import jakarta.json.JsonArrayBuilder;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.geochat.core.Jsonp;

/**
 * One chat room: its members by nick, its recent history, and the counter that gives each event its id.
 * Every change happens under the room's lock, and so does handing the resulting frames to the members'
 * outboxes (which never blocks): every member sees the room's events in id order, and a joiner's history and
 * the live events that follow it neither overlap nor leave a hole. Members whose outboxes overflow are closed
 * after the lock is released, since closing calls back into {@link #leave}.
 *
 * <p>A joiner gets the presence list at once; the others get it coalesced, a moment after a change: sending
 * every member the whole list on every join would cost the square of the room's size when many join at once.
 */
final class Room {

    /** Why a join was refused. */
    enum Refusal { NICK_TAKEN, RETIRED }

    private final String name;
    private final int historySize;
    private final Clock clock;
    /** Runs a task a moment later, on another thread. */
    private final Consumer<Runnable> soon;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final ArrayDeque<ChatEvent> history = new ArrayDeque<>();
    private long lastId;
    private boolean presencePending;
    private boolean retired;

    Room(String name, int historySize, Clock clock, Consumer<Runnable> soon) {
        this.name = name;
        this.historySize = historySize;
        this.clock = clock;
        this.soon = soon;
    }

    String name() {
        return name;
    }

    /**
     * Adds {@code member} unless its nick is taken: it gets the history (all of it, or what came after
     * {@code since}, with a gap frame first when some of that is no longer kept), then everyone gets the join
     * and the new presence list.
     */
    Refusal join(Member member, Long since) {
        List<Member> slow;
        synchronized (this) {
            if (retired) {
                return Refusal.RETIRED;
            }
            if (members.putIfAbsent(member.nick(), member) != null) {
                return Refusal.NICK_TAKEN;
            }
            boolean delivered = sendHistory(member, since) && (member.legacy() || member.deliver(presence()));
            slow = publish(ChatEvent.Type.JOIN, member, null);
            if (!delivered && !slow.contains(member)) {
                slow.add(member);
            }
            presenceChanged();
        }
        slow.forEach(Member::slowConsumer);
        return null;
    }

    void say(Member member, String text) {
        List<Member> slow;
        synchronized (this) {
            if (members.get(member.nick()) != member) {
                return; // left meanwhile
            }
            slow = publish(ChatEvent.Type.MESSAGE, member, text);
        }
        slow.forEach(Member::slowConsumer);
    }

    void leave(Member member) {
        List<Member> slow;
        synchronized (this) {
            if (!members.remove(member.nick(), member)) {
                return;
            }
            slow = publish(ChatEvent.Type.LEAVE, member, null);
            presenceChanged();
        }
        slow.forEach(Member::slowConsumer);
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
        return lastId;
    }

    private List<Member> publish(ChatEvent.Type type, Member from, String text) {
        ChatEvent event = ChatEvent.of(type, ++lastId, name, from.nick(), from.ip(), from.country(), clock.instant(), text);
        if (historySize > 0) {
            if (history.size() == historySize) {
                history.removeFirst();
            }
            history.addLast(event);
        }
        List<Member> slow = new ArrayList<>();
        for (Member member : members.values()) {
            if (!member.deliver(member.legacy() ? event.line() : event.json())) {
                slow.add(member);
            }
        }
        return slow;
    }

    private void presenceChanged() {
        if (!presencePending) {
            presencePending = true;
            soon.accept(this::sendPresence);
        }
    }

    private void sendPresence() {
        List<Member> slow = new ArrayList<>();
        synchronized (this) {
            presencePending = false;
            Outbox.Frame presence = presence();
            for (Member member : members.values()) {
                if (!member.legacy() && !member.deliver(presence)) {
                    slow.add(member);
                }
            }
        }
        slow.forEach(Member::slowConsumer);
    }

    /** False when the member's outbox refused any of it. */
    private boolean sendHistory(Member member, Long since) {
        List<ChatEvent> events = history.stream().filter(e -> since == null || e.id() > since).toList();
        long missed = 0;
        if (since != null) {
            long firstKept = history.isEmpty() ? lastId + 1 : history.getFirst().id();
            missed = Math.max(0, firstKept - 1 - since);
        }
        if (member.legacy()) {
            return events.stream().allMatch(e -> member.deliver(e.line()));
        }
        if (missed > 0 && !member.deliver(Outbox.Frame.text(
                Jsonp.PROVIDER.createObjectBuilder().add("type", "gap").add("missed", missed).build().toString()))) {
            return false;
        }
        return member.deliver(Outbox.Frame.text("{\"type\":\"history\",\"messages\":["
                + events.stream().map(e -> e.json().text()).collect(Collectors.joining(",")) + "]}"));
    }

    private Outbox.Frame presence() {
        JsonArrayBuilder users = Jsonp.PROVIDER.createArrayBuilder();
        members.keySet().forEach(users::add);
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "presence").add("users", users).build().toString());
    }
}
