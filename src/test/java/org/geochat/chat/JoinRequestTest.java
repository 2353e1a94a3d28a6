package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A chat handshake's path and query, read strictly: room names, nicks, since and epoch. */
class JoinRequestTest {

    private static JoinRequest parse(String room, String... query) throws JoinRequest.Refused {
        Map<String, List<String>> parameters = new HashMap<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            parameters.computeIfAbsent(query[i], name -> new ArrayList<>()).add(query[i + 1]);
        }
        return JoinRequest.parse(room, parameters);
    }

    @Test
    void readsRoomNickAndWhereToResume() throws JoinRequest.Refused {
        assertEquals(new JoinRequest("lobby", null, null), parse(null));
        assertEquals(
                new JoinRequest("a-b_9", "Zoë.1", new Resume(41, "0a1b")),
                parse("a-b_9", "nick", "Zoë.1", "since", "41", "epoch", "0a1b"));
        assertEquals(new Resume(41, null), parse("r", "since", "41").resume(), "no epoch: no sequence is assumed");
        assertEquals(
                new Resume(41, null),
                parse("r", "since", "41", "epoch", "NOT-AN-EPOCH").resume());
        assertNull(parse("r", "since", "-1").resume());
        assertNull(parse("r", "since", "9".repeat(19)).resume());
        assertEquals("first", parse("r", "nick", "first", "nick", "second").nick());
    }

    @Test
    void refusesRoomNamesAndNicksOutsideTheirAlphabets() {
        for (String room : new String[] {"", "no spaces", "x".repeat(33), "ünï", "a/b", "\uD800"}) {
            assertEquals(
                    "invalid room name",
                    assertThrows(JoinRequest.Refused.class, () -> parse(room)).getMessage(),
                    room);
        }
        for (String nick : new String[] {
            "", "<script>", "x".repeat(25), "a b", "\uD800", "\uDC00\uD800", "😀", "\uFFFD", "a\u200Bb"
        }) {
            assertEquals(
                    "invalid nick",
                    assertThrows(JoinRequest.Refused.class, () -> parse("r", "nick", nick))
                            .getMessage(),
                    nick);
        }
    }

    @Provide
    static Arbitrary<String> anything() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                UnicodeTextTest.utf16(),
                Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.strings().withCharRange('a', 'f').numeric().ofMaxLength(40));
    }

    /** Whatever the handshake says, the result is a request whose parts can be shown and sent, or a refusal. */
    @Property(tries = 3000)
    void anyHandshakeIsARequestOfSendableTextOrRefused(
            @ForAll("anything") String room,
            @ForAll("anything") String nick,
            @ForAll("anything") String since,
            @ForAll("anything") String epoch) {
        JoinRequest request;
        try {
            request = parse(room, "nick", nick, "since", since, "epoch", epoch);
        } catch (JoinRequest.Refused refused) {
            assertTrue(List.of("invalid room name", "invalid nick").contains(refused.getMessage()));
            return;
        }
        assertTrue(request.room().matches("[A-Za-z0-9_-]{1,32}"));
        assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(request.nick())
                && request.nick().length() <= 24);
        if (request.resume() != null) {
            assertTrue(request.resume().since() >= 0);
            assertTrue(
                    request.resume().epoch() == null || request.resume().epoch().matches("[0-9a-f]{1,32}"));
        }
    }
}
