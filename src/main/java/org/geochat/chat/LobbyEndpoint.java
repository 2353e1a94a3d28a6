package org.geochat.chat;

import jakarta.websocket.server.ServerEndpoint;

/** {@code /chat}: the room {@code lobby}, as the tutorial's page connects to it. */
@ServerEndpoint(value = "/chat", subprotocols = GeochatV1.NAME, configurator = ChatConfigurator.class)
public class LobbyEndpoint extends ChatEndpoint {}
