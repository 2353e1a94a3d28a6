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

    /**
     * Called under the room's lock once the member is in, before anything is delivered to it: a client that
     * answers its first frame at once must find itself joined (in a cluster the join completes on another thread).
     */
    default void admitted() {
    }

    /** Called, outside any room lock, for a member whose outbox overflowed: it must be closed. */
    void slowConsumer();
}
