package org.geochat.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /chat/{room}}: the container's view of a chat connection, handing each event to its {@link Connection}.
 * The container makes an instance per connection; what connections share lives in {@link Chat}.
 */
@ServerEndpoint(value = "/chat/{room}", subprotocols = GeochatV1.NAME, configurator = ChatConfigurator.class)
public class ChatEndpoint {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    private Connection connection;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("room") String room) {
        connection = Chat.current().connection(session, Handshake.of(session, config, room));
        connection.open(); // once assigned: Tomcat reports a close made during the open at once, to closed()
    }

    @OnMessage
    public void message(String text) {
        connection.received(text);
    }

    @OnMessage
    public void binary(ByteBuffer data) {
        connection.receivedBinary();
    }

    @OnMessage
    public void pong(PongMessage pong) {
        connection.heard(pong.getApplicationData());
    }

    @OnClose
    public void closed(Session closing, CloseReason reason) {
        if (connection != null) { // null when the open failed (the chat was not running)
            connection.closed();
        }
    }

    /** A client going away is routine; anything else thrown from this endpoint is a bug, logged with its trace. */
    @OnError
    public void failed(Session failing, Throwable failure) {
        if (failure instanceof IOException || failure instanceof DecodeException) {
            LOG.log(Level.FINE, "chat connection failed: " + failure.getClass().getName()); // never the message
        } else {
            LOG.log(Level.WARNING, "chat endpoint failed", failure);
        }
    }
}
