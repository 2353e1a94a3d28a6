package org.geochat.chat;

/** A room's view of one connection. */
interface Member {

    /** Null until the member is admitted to a room. */
    String nick();

    /** The address as the room shows it (masked, full, or null), and the country once known (else null). */
    String ip();

    String country();

    /** How the member's client speaks: every frame a room sends it is made by this. */
    Dialect dialect();

    /** Queues a frame for this member without waiting; false when its outbox is full. A null frame is nothing to send. */
    boolean deliver(Outbox.Frame frame);

    /**
     * Called under the room's lock once the member is in, as {@code nick}, before anything is delivered to it: a
     * client that answers its first frame at once must find itself joined (in a cluster the join completes on
     * another thread).
     */
    void admitted(Room room, String nick);

    /** Called, outside any room lock, for a member whose outbox overflowed: it must be closed. */
    void slowConsumer();
}
