package org.geochat.chat;

import java.util.List;

/**
 * The tutorial's protocol: every event is one line of text ({@link ChatEvent#line()}), every client frame is
 * a message; no ids, presence, errors or keepalives.
 */
enum PlainText implements Dialect {
    INSTANCE;

    /** The line of an event shown while pending has no id: its numbered copy would repeat it. */
    @Override
    public Outbox.Frame event(ChatEvent event, boolean shownBefore) {
        return shownBefore ? null : event.line();
    }

    @Override
    public Outbox.Frame gap(long missed) {
        return null;
    }

    @Override
    public List<Outbox.Frame> history(History.Replay replay) {
        return replay.events().stream().map(ChatEvent::line).toList();
    }

    @Override
    public Outbox.Frame presence(Presence presence) {
        return null;
    }

    @Override
    public Outbox.Frame error(String code, String message) {
        return null;
    }

    @Override
    public Outbox.Frame keepalive() {
        return null;
    }

    @Override
    public String said(String frame) {
        return frame;
    }
}
