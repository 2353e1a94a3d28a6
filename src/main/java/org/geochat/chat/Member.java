package org.geochat.chat;

/** A room's view of one connection. */
interface Member {

    String nick();

    /** The address as the room shows it (masked, full, or null), and the country once known (else null). */
    String ip();

    String country();

    /** The tutorial's plain-text lines instead of geochat.v1 JSON. */
    boolean legacy();

    /** Queues a frame for this member without waiting; false when its outbox is full. */
    boolean deliver(Outbox.Frame frame);

    /** Called, outside any room lock, for a member whose outbox overflowed: it must be closed. */
    void slowConsumer();
}
