package org.geochat.chat;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;

/**
 * What a connection's opening handshake said: the room in the path (null for {@code /chat}), the query
 * parameters, the subprotocol agreed on, and what {@link ChatConfigurator} passed on: the client's address (null
 * when the handshake was not checked) and whether it is {@link ChatProbe}'s.
 */
record Handshake(String room, Map<String, List<String>> parameters, String subprotocol, String peer, boolean probe) {

    static Handshake of(Session session, EndpointConfig config, String room) {
        Map<String, Object> properties = config.getUserProperties();
        return new Handshake(
                room,
                session.getRequestParameterMap(),
                session.getNegotiatedSubprotocol(),
                (String) properties.get(ChatConfigurator.PEER),
                Boolean.TRUE.equals(properties.get(ChatConfigurator.PROBE)));
    }
}
