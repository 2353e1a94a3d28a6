package org.geochat.chat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a chat handshake asks for, read strictly from its path and query: the room, the nick (null: the server
 * names a guest) and where the client left off (null: from the start). Only the first value of a repeated
 * parameter counts. A {@code since} that is not a number is ignored; an {@code epoch} that is not one geochat
 * could have made counts as none, so the position is not taken for one of the room's sequence.
 */
record JoinRequest(String room, String nick, Resume resume) {

    static final String LOBBY = "lobby";
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_.-]{1,24}");
    private static final Pattern SINCE = Pattern.compile("\\d{1,18}");
    private static final Pattern EPOCH = Pattern.compile("[0-9a-f]{1,32}");

    /** A handshake asking for what cannot be had; the message is the close reason, fixed text, never the input. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** @param room the path's room, null for {@code /chat} (the lobby) */
    static JoinRequest parse(String room, Map<String, List<String>> query) throws Refused {
        String name = room == null ? LOBBY : room;
        if (!ROOM.matcher(name).matches()) {
            throw new Refused("invalid room name");
        }
        String nick = first(query, "nick");
        if (nick != null && !NICK.matcher(nick).matches()) {
            throw new Refused("invalid nick");
        }
        String since = first(query, "since");
        String epoch = first(query, "epoch");
        Resume resume = since == null || !SINCE.matcher(since).matches()
                ? null
                : new Resume(
                        Long.parseLong(since),
                        epoch != null && EPOCH.matcher(epoch).matches() ? epoch : null);
        return new JoinRequest(name, nick, resume);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
