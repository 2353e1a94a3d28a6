/** The chat room over WebSocket: rooms, members and their outboxes, limits, and the endpoint that ties them to sessions. */
package org.geochat.chat;
