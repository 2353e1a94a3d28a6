package org.geochat.chat;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Hands the endpoint what only the HTTP handshake knows: the client's address. {@link ChatHandshakeFilter} found
 * it and passed it as a request header of its own (any a client sent under that name was replaced), with this
 * deployment's secret token: without the token (had the filter not run) nothing is passed and the endpoint
 * refuses the connection, so a client can never name its own address. Tomcat 10.1 and Tyrus both give each handshake its own copy
 * of the user properties, which the endpoint then reads in its {@code @OnOpen}.
 */
public final class ChatConfigurator extends ServerEndpointConfig.Configurator {

    static final String PEER = "geochat.chat.peer";
    /** True for {@link ChatProbe}'s handshake, which the endpoint closes at once. */
    static final String PROBE = "geochat.chat.probe";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String token = first(request, ChatHandshakeFilter.TOKEN_HEADER);
        String peer = first(request, ChatHandshakeFilter.PEER_HEADER);
        boolean checked = Chat.current().isHandshakeToken(token);
        config.getUserProperties().put(PEER, checked ? peer : null);
        config.getUserProperties().put(PROBE, checked && "1".equals(first(request, ChatHandshakeFilter.PROBE_HEADER)));
    }

    private static String first(HandshakeRequest request, String header) {
        for (var entry : request.getHeaders().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(header)) {
                List<String> values = entry.getValue();
                return values.isEmpty() ? null : values.get(0);
            }
        }
        return null;
    }
}
