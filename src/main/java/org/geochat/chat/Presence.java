package org.geochat.chat;

import java.util.Collection;
import java.util.List;

/** Who is in a room, one list for all its members; its geochat.v1 frame is made once, when first asked for. */
final class Presence {

    private final List<String> users;
    private Outbox.Frame frame;

    Presence(Collection<String> users) {
        this.users = List.copyOf(users);
    }

    /** Asked under the room's lock only. */
    Outbox.Frame v1Frame() {
        if (frame == null) {
            frame = GeochatV1.presenceFrame(users);
        }
        return frame;
    }
}
