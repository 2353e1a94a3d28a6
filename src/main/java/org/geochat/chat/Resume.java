package org.geochat.chat;

/** Where a client left off: the id of the last event it saw ({@code since}) in the sequence {@code epoch} (null if it did not say). */
record Resume(long since, String epoch) {}
