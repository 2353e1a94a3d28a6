package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShownAddressTest {

    @Test
    void maskedHidesTheHostPart() {
        assertEquals("203.0.113.x", ShownAddress.of("203.0.113.7", "masked"));
        assertEquals("2001:db8:85a3:x", ShownAddress.of("2001:db8:85a3::8a2e:370:7334", "masked"));
        assertEquals("203.0.113.7", ShownAddress.of("203.0.113.7", "full"));
        assertNull(ShownAddress.of("203.0.113.7", "none"));
    }

    @Test
    void theSameOriginIsTheHostAndPortOfTheHostHeader() {
        assertTrue(ChatHandshakeFilter.allowed("http://chat.example:8080", "chat.example:8080", List.of()));
        assertTrue(ChatHandshakeFilter.allowed("https://chat.example", "chat.example", List.of()));
        assertTrue(ChatHandshakeFilter.allowed("http://chat.example", "chat.example:80", List.of()));
        assertFalse(ChatHandshakeFilter.allowed("http://evil.example:8080", "chat.example:8080", List.of()));
        assertFalse(ChatHandshakeFilter.allowed("http://chat.example:9090", "chat.example:8080", List.of()));
        assertFalse(ChatHandshakeFilter.allowed("https://chat.example", "chat.example:80", List.of()));
        assertFalse(ChatHandshakeFilter.allowed("null", "chat.example", List.of()));
    }

    @Test
    void configuredOriginsReplaceTheSameOriginRule() {
        List<String> allowed = List.of("https://app.example");
        assertTrue(ChatHandshakeFilter.allowed("https://app.example", "chat.example", allowed));
        assertFalse(ChatHandshakeFilter.allowed("https://chat.example", "chat.example", allowed));
        assertTrue(ChatHandshakeFilter.allowed(
                "https://APP.example:443", "chat.example", List.of("https://app.example/")));
        assertFalse(ChatHandshakeFilter.allowed("http://app.example", "chat.example", allowed));
    }
}
