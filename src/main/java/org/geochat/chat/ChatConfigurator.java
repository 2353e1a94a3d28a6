package org.geochat.chat;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;

/**
 * Hands the endpoint what only the HTTP handshake knows: the client's address and where geochat's own lookup
 * answers. {@link ChatHandshakeFilter} found both and passed them as request headers of its own (any a client
 * sent under those names were replaced); the container gives each handshake its own copy of the user
 * properties, which the endpoint then reads in its {@code @OnOpen}.
 */
public final class ChatConfigurator extends ServerEndpointConfig.Configurator {

    static final String PEER = "geochat.chat.peer";
    static final String LOOKUP_BASE = "geochat.chat.lookup-base";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(PEER, first(request, ChatHandshakeFilter.PEER_HEADER));
        String base = first(request, ChatHandshakeFilter.LOOKUP_BASE_HEADER);
        config.getUserProperties().put(LOOKUP_BASE, base == null ? null : URI.create(base));
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
