package org.geochat.chat;

import jakarta.servlet.ServletContext;
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
import jakarta.websocket.server.ServerContainer;
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

    /** Tomcat's default is 8,192 characters for every connection (16 KB of heap). */
    private static final int TEXT_PART_CHARS = 1024;
    /** Tomcat's default is 8 KB for every connection; a control frame's payload is at most 125 bytes. */
    private static final int BINARY_PART_BYTES = 125;

    private Connection connection;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("room") String room) {
        connection = Chat.current().connection(session, Handshake.of(session, config, room));
        connection.open(); // once assigned: Tomcat reports a close made during the open at once, to closed()
    }

    /**
     * Makes the container's per-connection message buffers small: text comes in parts ({@link MessageParts}),
     * and binary frames are refused at their first part. Each is allocated for every connection when it opens.
     */
    public static void sizeBuffers(ServletContext context) {
        if (context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxTextMessageBufferSize(TEXT_PART_CHARS);
            container.setDefaultMaxBinaryMessageBufferSize(BINARY_PART_BYTES);
        }
    }

    @OnMessage
    public void message(String part, boolean last) {
        connection.received(part, last);
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
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
