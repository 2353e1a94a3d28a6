package org.geochat.chat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One chat room: its members by nick, its recent history, and the counter that gives each event its id.
 * Every change happens under the room's lock, and so does handing the resulting frames to the members'
 * outboxes (which never blocks): every member sees the room's events in id order, and a joiner's history and
 * the live events that follow it neither overlap nor leave a hole. Members whose outboxes overflow are closed
 * after the lock is released, since closing calls back into {@link #leave}.
 */
final class Room {

    /** Why a join was refused. */
    enum Refusal { NICK_TAKEN }

    private final String name;
    private final int historySize;
    private final Clock clock;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final ArrayDeque<ChatEvent> history = new ArrayDeque<>();
    private long lastId;

    Room(String name, int historySize, Clock clock) {
        this.name = name;
        this.historySize = historySize;
        this.clock = clock;
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
            if (members.putIfAbsent(member.nick(), member) != null) {
                return Refusal.NICK_TAKEN;
            }
            sendHistory(member, since);
            slow = publish(ChatEvent.Type.JOIN, member, null);
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
        }
        slow.forEach(Member::slowConsumer);
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
        Outbox.Frame presence = type == ChatEvent.Type.MESSAGE ? null : presence();
        for (Member member : members.values()) {
            boolean delivered = member.deliver(member.legacy() ? event.line() : event.json())
                    && (presence == null || member.legacy() || member.deliver(presence));
            if (!delivered) {
                slow.add(member);
            }
        }
        return slow;
    }

    private void sendHistory(Member member, Long since) {
        List<ChatEvent> events = history.stream().filter(e -> since == null || e.id() > since).toList();
        long missed = 0;
        if (since != null) {
            long firstKept = history.isEmpty() ? lastId + 1 : history.getFirst().id();
            missed = Math.max(0, firstKept - 1 - since);
        }
        if (member.legacy()) {
            events.forEach(e -> member.deliver(e.line()));
            return;
        }
        if (missed > 0) {
            member.deliver(Outbox.Frame.text(Json.createObjectBuilder().add("type", "gap").add("missed", missed).build().toString()));
        }
        member.deliver(Outbox.Frame.text("{\"type\":\"history\",\"messages\":["
                + events.stream().map(e -> e.json().text()).collect(Collectors.joining(",")) + "]}"));
    }

    private Outbox.Frame presence() {
        JsonArrayBuilder users = Json.createArrayBuilder();
        members.keySet().forEach(users::add);
        return Outbox.Frame.text(Json.createObjectBuilder().add("type", "presence").add("users", users).build().toString());
    }
}
