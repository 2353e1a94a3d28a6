package org.geochat;

import static org.geochat.testing.ProblemAssertions.assertNoInternals;
import static org.geochat.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.geochat.testing.ChatClient;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.RawHttp;
import org.geochat.testing.RawWebSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * geochat as an attacker tries it, over real HTTP and WebSocket: generated malformed paths, bodies, headers and
 * methods, and malformed, oversized, binary, fragmented and flooding chat frames. Nothing may answer 5xx or show a
 * stack trace or a class name; under {@code /api} every error is problem+json with a {@code code}; chat policy
 * violations close that one connection with the documented code, and the other members of the room keep chatting.
 * The inputs are generated from a fixed seed, so a failure repeats.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    /** A city file named by a relative path that does not exist: it resolves against the server's working directory. */
    static final String MISSING_CITY_FILE = "no/such/dbip-city-ipv4.mmdb";

    @Deployment(testable = false)
    static WebArchive geochat() {
        return Deployments.geochat(
                "hostile",
                Map.of(
                        "geochat.chat.rate",
                        "100/10s",
                        "geochat.city.db.v4",
                        MISSING_CITY_FILE,
                        "geochat.upstream.timeout",
                        Deployments.COLD_START_TIMEOUT));
    }

    @ArquillianResource
    private URL base;

    private final Random random = new Random(20261207);

    private static final String[] PATH_PIECES = {
        "8.8.8.8",
        "::1",
        "%",
        "%%",
        "%2",
        "%zz",
        "%C3%28",
        "%E2%80%8B",
        "%F0%9F%98%80",
        "%ED%A0%80",
        "%FF",
        "%20",
        "%09",
        "%0D%0A",
        "..",
        "%2E%2E",
        ";",
        ";jsessionid=x",
        "{}",
        "%7B%7D",
        "<script>",
        "'",
        "\"",
        "9".repeat(300),
        "a".repeat(3000),
        "?",
        "#",
        "&",
        "=",
        "~",
        "+",
        "@",
        ":",
        "[::1]",
        "0x7f.1",
        "\\",
        "%5C",
        "%00"
    };

    private String piece() {
        return PATH_PIECES[random.nextInt(PATH_PIECES.length)];
    }

    /** Generated paths under every route: percent-encoded where a URI needs it, raw nastiness where it does not. */
    private List<String> hostilePaths() {
        String[] routes = {
            "api/ip/",
            "api/origin/json/",
            "api/hello/",
            "api/demo/slow?ms=",
            "api/demo/parallel?n=",
            "api/demo/burst?style=",
            "api/ip/batch/",
            "api/",
            "assets/",
            "./",
            "chat/",
            "metrics/"
        };
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            StringBuilder path = new StringBuilder(routes[i % routes.length]);
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String piece = piece();
                path.append(
                        piece.matches("[A-Za-z0-9.:%;=~+@&\\-]*")
                                ? piece
                                : URLEncoder.encode(piece, StandardCharsets.UTF_8));
            }
            paths.add(path.toString().replace("%%", "%25%25").replaceAll("%(?![0-9A-Fa-f]{2})", "%25"));
        }
        return paths;
    }

    /** Checks one answer: below 500, nothing internal, and problem+json under /api (unless the container refused it). */
    private static void assertHarmless(String where, int status, String contentType, String body, boolean api) {
        assertTrue(status < 500, where + " -> " + status + " " + body);
        assertNoInternals(where + " -> " + status, body);
        if (status >= 400 && api && !body.isEmpty()) {
            assertEquals("application/problem+json", contentType, where + " -> " + status + " " + body);
            assertFalse(Http.object(body).getString("code").isBlank(), where);
        }
    }

    private static void assertHarmless(HttpResponse<String> response) {
        String where = response.request().method() + " " + response.request().uri();
        String path = response.request().uri().getRawPath();
        assertHarmless(
                where,
                response.statusCode(),
                Http.contentType(response),
                response.body(),
                path.contains("/api/") && !refusedByContainer(path));
    }

    /**
     * Whether Tomcat refuses the path before any application sees it: a NUL, an encoded slash or backslash, or
     * escapes that are not UTF-8. Its answer then has no problem+json; aRefusedRequestShowsItsStatusAndNothingInternal checks that it shows nothing.
     */
    private static boolean refusedByContainer(String rawPath) {
        if (rawPath.matches("(?i).*%(00|2F|5C).*")) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '%' && i + 2 < rawPath.length()) {
                bytes.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(rawPath.charAt(i));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    @Test
    void noGeneratedPathGetsAServerErrorOrShowsInternals() {
        Http http = new Http(base);
        for (String path : hostilePaths()) {
            assertHarmless(http.get(path));
        }
    }

    @Test
    void noBodyGetsAServerErrorAndEveryBadBatchIsInvalidBatch() {
        Http http = new Http(base);
        List<byte[]> bodies = new ArrayList<>(List.of(
                bytes("[\"8.8.8.8\"] this is not JSON"),
                bytes("{\"a\":\"8.8.8.8\"} {}"),
                bytes("[1] [2]"),
                bytes("[".repeat(3000) + "]".repeat(3000)),
                bytes("{\"a\":".repeat(1300) + "1" + "}".repeat(1300)),
                new byte[] {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'},
                new byte[] {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'},
                new byte[] {(byte) 0xFF, (byte) 0xFE, '[', 0, ']', 0},
                bytes("\"8.8.8.8\""),
                bytes("42"),
                bytes("null"),
                bytes("")));
        for (int i = 0; i < 60; i++) { // fragments of JSON and of everything else
            StringBuilder body = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                body.append(new String[] {
                            "[",
                            "]",
                            "{",
                            "}",
                            "\"",
                            ",",
                            ":",
                            "\"8.8.8.8\"",
                            "\\u",
                            "\\ud800",
                            "1e99999",
                            "null",
                            " ",
                            "\u0000",
                            "é",
                            "😀"
                        }
                        [random.nextInt(16)]);
            }
            bodies.add(bytes(body.toString()));
        }
        for (byte[] body : bodies) {
            for (String route : new String[] {"api/ip/batch", "api/origin/batch"}) {
                HttpResponse<String> answer = http.send(http.request(route, "Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
                assertHarmless(answer);
                assertTrue(
                        answer.statusCode() == 200 || answer.statusCode() == 400 || answer.statusCode() == 413,
                        route + " " + new String(body, StandardCharsets.UTF_8) + " -> " + answer.statusCode());
            }
        }
        assertProblem(http.post("api/ip/batch", "[\"8.8.8.8\"] this is not JSON"), 400, "invalid-batch");
        HttpResponse<String> chunked = http.send(http.request("api/ip/batch", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes("[\"8.8.8.8\"]"))))
                .build());
        assertEquals(200, chunked.statusCode(), "a well-formed chunked body is read: " + chunked.body());
        // 1 MB: refused at the batch's byte cap, the rest read and dropped (RefusedBodyFilter reads up to 1 MiB of it)
        byte[] oneMegabyte = bytes("[" + "\"1.1.1.1\",".repeat(100_000) + "\"1.1.1.1\"]");
        HttpResponse<String> huge = http.send(http.request("api/ip/batch", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oneMegabyte)))
                .build());
        assertProblem(huge, 413, "batch-too-large");
    }

    /** A chunked body whose chunk size is not hex: the container cannot read it, and answers problem+json all the same. */
    @Test
    void aMalformedChunkedBodyIsABadRequestWithoutInternals() {
        RawHttp.Answer answer = RawHttp.exchange(
                base,
                "POST {path}api/ip/batch HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked",
                bytes("zz\r\n[\"8.8.8.8\"]\r\n0\r\n\r\n"));
        assertEquals(400, answer.status(), answer.body());
        assertNoInternals("a malformed chunked body", answer.body());
        if (!answer.body().isEmpty()) { // Payara refuses it before the application sees it, with no body at all
            assertTrue(answer.hasHeader("content-type: application/problem+json"), answer.head());
            assertEquals("bad-request", Http.object(answer.body()).getString("code"));
        }
    }

    @Test
    void noHeaderGetsAServerErrorOrShowsInternals() {
        Http http = new Http(base);
        String[][] headers = {
            {"Accept", ";;;"},
            {"Accept", "text/html"},
            {"Accept", "*/*;q=x"},
            {"Accept-Charset", "x"},
            {"Content-Type", ";;"},
            {"Content-Type", "application/json; charset=nonsense"},
            {"X-Forwarded-For", "1.2.3.4, ::::, x"},
            {"Forwarded", "for=\"[::1]:80;by=\"x"},
            {"Origin", "null"},
            {"Range", "bytes=9-1"},
            {"If-Modified-Since", "yesterday"},
            {"Accept-Language", "??;q=-1"},
            {"Cookie", "JSESSIONID=" + "x".repeat(2000)}
        };
        for (String[] header : headers) {
            for (String path :
                    new String[] {"api/ip/8.8.8.8", "api/ip", "api/health", "", "assets/chat.js", "metrics"}) {
                assertHarmless(http.get(path, header[0], header[1]));
            }
            assertHarmless(http.send(http.request(
                            "api/ip/batch",
                            "Content-Type",
                            header[0].equals("Content-Type") ? header[1] : "application/json",
                            header[0].equals("Content-Type") ? "X-Ignored" : header[0],
                            header[1])
                    .POST(HttpRequest.BodyPublishers.ofString("[\"8.8.8.8\"]"))
                    .build()));
        }
    }

    /** Every method but the ones a path serves is 405, with problem+json under /api; none is a 501 or a page served. */
    @Test
    void anyOtherMethodIs405Everywhere() {
        for (String path : new String[] {
            "api/health",
            "api/ip/8.8.8.8",
            "api/ip/batch",
            "",
            "index.html",
            "demo.html",
            "assets/chat.js",
            "metrics",
            "chat",
            "chat/lobby"
        }) {
            for (String method : new String[] {"PATCH", "PUT", "DELETE", "TRACE", "PROPFIND", "FOO"}) {
                RawHttp.Answer answer = RawHttp.exchange(
                        base, method + " {path}" + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0");
                String where = method + " " + path;
                assertEquals(405, answer.status(), where + " " + answer.body());
                assertHarmless(where, answer.status(), contentType(answer), answer.body(), path.startsWith("api/"));
                assertTrue(answer.hasHeader("allow: "), where + " has an Allow header: " + answer.head());
            }
            RawHttp.Answer options = RawHttp.exchange(base, "OPTIONS {path}" + path + " HTTP/1.1\r\nHost: localhost");
            assertTrue(
                    options.status() == 200 || options.status() == 204, "OPTIONS " + path + " -> " + options.status());
        }
        RawHttp.Answer post =
                RawHttp.exchange(base, "POST {path}index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0");
        assertEquals(405, post.status(), "a page is not served for a POST");
    }

    private static String contentType(RawHttp.Answer answer) {
        return answer.head()
                .lines()
                .filter(l -> l.startsWith("content-type:"))
                .map(l -> l.substring(13).strip())
                .findFirst()
                .orElse("");
    }

    /**
     * Three members chat in one room (two geochat.v1 pages and the tutorial's text page) while attackers in the
     * same room send every kind of bad frame: each attacker gets an error frame or is closed with its code, and after
     * each attack the members still hear each other.
     */
    @Test
    void badFramesHarmOnlyTheirOwnConnection() throws Exception {
        try (ChatClient ann = ChatClient.v1(base, "chat/witness?nick=ann");
                ChatClient bob = ChatClient.v1(base, "chat/witness?nick=bob");
                ChatClient page = ChatClient.legacy(base, "chat/witness")) {
            ann.next("presence");
            bob.next("presence");
            Witnesses witnesses = new Witnesses(ann, bob, page);

            String[] badTexts = {
                "{\"type\":\"message\",\"text\":\"\\ud800\"}",
                "{\"type\":\"message\",\"text\":\"\\udc00\\ud800\"}",
                "{\"a\":".repeat(1300) + "1" + "}".repeat(1300),
                "{\"type\":\"message\",\"text\":\"x\"} trailing",
                "[]",
                "null",
                "{\"type\":\"message\",\"text\":[\"x\"]}",
                "{\"type\":\"message\"}"
            };
            for (int i = 0; i < badTexts.length; i++) {
                String text = badTexts[i];
                try (ChatClient mallory = ChatClient.v1(base, "chat/witness?nick=mallory" + i)) {
                    mallory.send(text);
                    assertEquals("invalid-message", mallory.next("error").getString("code"), text);
                    mallory.say("and still connected");
                    assertEquals("and still connected", mallory.next("message").getString("text"));
                }
                witnesses.stillChat();
            }

            assertClosed(1007, ws -> ws.text(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}), "geochat.v1");
            assertClosed(
                    1007,
                    ws -> ws.text(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                    null); // a surrogate, CESU-style
            witnesses.stillChat();
            assertProtocolError(ws -> ws.send(RawWebSocket.TEXT, bytes("unmasked"), true, false));
            assertProtocolError(ws -> ws.send(0x3, bytes("reserved opcode"), true, true));
            assertProtocolError(ws -> ws.send(RawWebSocket.PING, new byte[200], true, true)); // control frames hold 125
            assertProtocolError(ws -> ws.send(RawWebSocket.CONTINUATION, bytes("no start"), true, true));
            witnesses.stillChat();
            assertClosed(1009, ws -> ws.text("x".repeat(9000)), null);
            assertClosed(1003, ws -> ws.send(RawWebSocket.BINARY, new byte[] {1, 2, 3}, true, true), "geochat.v1");
            assertClosed(
                    1007,
                    ws -> { // a character split across fragments, then broken
                        ws.send(RawWebSocket.TEXT, new byte[] {'a', (byte) 0xE2}, false, true);
                        ws.send(RawWebSocket.CONTINUATION, new byte[] {(byte) 0x28, 'b'}, true, true);
                    },
                    null);
            witnesses.stillChat();

            try (RawWebSocket fragmented = RawWebSocket.open(base, "chat/witness?nick=frag", "geochat.v1")) {
                fragmented.send(RawWebSocket.TEXT, bytes("{\"type\":\"mess"), false, true);
                fragmented.send(RawWebSocket.CONTINUATION, bytes("age\",\"text\":\"in thr"), false, true);
                fragmented.send(RawWebSocket.CONTINUATION, bytes("ee parts\"}"), true, true);
                assertEquals(
                        "in three parts",
                        ann.nextMatching(f -> "frag".equals(f.getString("nick", null))
                                        && "message".equals(f.getString("type")))
                                .getString("text"),
                        "a fragmented message is one message");
            }
            try (RawWebSocket pinger = RawWebSocket.open(base, "chat/witness?nick=pinger", "geochat.v1")) {
                for (int i = 0; i < 2000; i++) {
                    pinger.send(RawWebSocket.PING, new byte[125], true, true);
                }
                witnesses.stillChat(); // the flood costs the flooder, not the room
            }
            witnesses.stillChat();
        }
    }

    /** Handshakes generated from nasty room names, nicks, since and epoch values: accepted, or closed with 1008; never worse. */
    @Test
    void anyHandshakeIsAcceptedOrRefusedWithItsReason() throws Exception {
        for (int i = 0; i < 40; i++) {
            String room = URLEncoder.encode(i % 4 == 0 ? "witness-" + i : piece(), StandardCharsets.UTF_8)
                    .replace("+", "%20");
            String query = "nick=" + URLEncoder.encode(i % 3 == 0 ? "n" + i : piece(), StandardCharsets.UTF_8)
                    + "&since=" + URLEncoder.encode(piece(), StandardCharsets.UTF_8) + "&epoch="
                    + URLEncoder.encode(piece(), StandardCharsets.UTF_8);
            try (RawWebSocket client = RawWebSocket.open(base, "chat/" + room + "?" + query, "geochat.v1")) {
                RawWebSocket.Frame first = client.next();
                assertNotNull(first, "room " + room + ", " + query + ": neither a frame nor a close");
                if (first.opcode() == RawWebSocket.CLOSE) {
                    int code = (first.payload()[0] & 0xff) << 8 | first.payload()[1] & 0xff;
                    assertEquals(1008, code, room + " " + query + ": " + first.text());
                } else {
                    JsonObject frame = Http.object(first.text());
                    assertTrue(Set.of("history", "gap").contains(frame.getString("type")), frame.toString());
                }
            } catch (IOException notUpgraded) { // a path the container itself refuses (an encoded slash, say)
                assertTrue(
                        notUpgraded.getMessage().matches("not upgraded: HTTP/1.1 [1-4]\\d\\d.*"),
                        notUpgraded.getMessage());
            }
        }
    }

    /**
     * Requests a container refuses before geochat sees them (a URL or header no parser should take) are answered with
     * the status and nothing more: no exception, no stack frames, no server version, never a 5xx. On Tomcat this is
     * the Tomcat {@code mvn package cargo:run} configures (its error report valve), which the build starts for the
     * integration tests ({@code it.cargo.url}); on Payara it is Payara Micro with its defaults, as
     * {@code payara-micro:start} runs it. Each refuses its own set: Payara takes a {@code Host} of {@code a b}.
     */
    @Test
    void aRefusedRequestShowsItsStatusAndNothingInternal() throws MalformedURLException {
        String headers =
                IntStream.range(0, 101).mapToObj(i -> "X-Header-" + i + ": v").collect(Collectors.joining("\r\n"));
        Map<String, String> requests = Map.of(
                "a URL with characters no URL may hold", "GET {path}api/ip/{} HTTP/1.1\r\nHost: localhost",
                "a Host header that is no host", "GET {path}api/health HTTP/1.1\r\nHost: a b",
                "a 16 KB header", "GET {path}api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(16 * 1024),
                "101 headers", "GET {path}api/health HTTP/1.1\r\nHost: localhost\r\n" + headers,
                "an encoded NUL", "GET {path}api/ip/%00 HTTP/1.1\r\nHost: localhost",
                "an encoded slash", "GET {path}api/ip/..%2F..%2Fetc HTTP/1.1\r\nHost: localhost",
                "escapes that are not UTF-8", "GET {path}api/ip/%FF%FE HTTP/1.1\r\nHost: localhost",
                "TRACE", "TRACE {path}api/health HTTP/1.1\r\nHost: localhost",
                "a method that is no method", "GET\u0001 {path}api/health HTTP/1.1\r\nHost: localhost");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            RawHttp.Answer answer = RawHttp.exchange(asUsersRunIt(), request.getValue());
            String what = request.getKey() + " -> " + answer.status();
            assertTrue(answer.status() < 500, what + "\n" + answer.head() + answer.body()); // Payara takes "Host: a b"
            assertNoInternals(what, answer.body());
            assertFalse(
                    answer.body().matches("(?s).*(Tomcat|Payara|Grizzly|GlassFish)[/ ]+\\d.*"),
                    what + " shows the server's version: " + answer.body());
            assertFalse(
                    answer.head().matches("(?s).*\r\n(server|x-powered-by):[^\r]*\\d.*"),
                    what + " names the server's version: " + answer.head());
        }
    }

    /** The container as users run it: Cargo's Tomcat when the build started one, else this deployment's own. */
    private URL asUsersRunIt() throws MalformedURLException {
        String cargo = System.getProperty("it.cargo.url");
        return cargo == null || cargo.isBlank() ? base : new URL(cargo);
    }

    /** A file setting that cannot be read leaves geochat running on its bundled data, DEGRADED, naming setting and path. */
    @Test
    void aFileSettingThatCannotBeReadLeavesGeochatRunningAndSaysWhich() {
        Http http = new Http(base);
        HttpResponse<String> health = http.get("api/health");
        assertEquals(200, health.statusCode(), health.body());
        JsonObject answer = Http.object(health.body());
        assertEquals("DEGRADED", answer.getString("status"));
        JsonObject unusable =
                answer.getJsonObject("geoip").getJsonArray("unusable").getJsonObject(0);
        assertEquals("GEOCHAT_CITY_DB_V4", unusable.getString("setting"));
        assertTrue(Path.of(unusable.getString("path")).isAbsolute(), unusable.toString());
        assertTrue(unusable.getString("path").endsWith(MISSING_CITY_FILE), unusable.toString());
        assertEquals("no such file", unusable.getString("error"));
        assertEquals(
                "US", Http.object(http.get("api/ip/8.8.8.8").body()).getString("countryCode"), "lookups still answer");
    }

    /** One bad connection's life: opened, hurt, closed with {@code code} by the server. */
    private void assertClosed(int code, Attack attack, String subprotocol) throws Exception {
        try (RawWebSocket mallory = RawWebSocket.open(base, "chat/witness", subprotocol)) {
            attack.on(mallory);
            assertEquals(code, mallory.closeCode());
        }
    }

    /**
     * A frame that breaks the WebSocket protocol: Tomcat closes the connection with 1002 as RFC 6455 says; Tyrus
     * (Payara) takes some such frames (an unmasked one, say) and goes on. Either way it is that connection's affair.
     */
    private void assertProtocolError(Attack attack) throws Exception {
        try (RawWebSocket mallory = RawWebSocket.open(base, "chat/witness", "geochat.v1")) {
            attack.on(mallory);
            int code = mallory.closeCodeOrEcho();
            if ("tomcat".equals(System.getProperty("it.container"))) {
                assertEquals(1002, code);
            } else {
                assertTrue(code == 1002 || code == 0, "closed with " + code);
            }
        }
    }

    @FunctionalInterface
    private interface Attack {
        void on(RawWebSocket socket) throws IOException;
    }

    /** The room's peaceful members: each check is a message from one that both others must receive. */
    private static final class Witnesses {
        private final ChatClient ann;
        private final ChatClient bob;
        private final ChatClient page;
        private int checks;

        Witnesses(ChatClient ann, ChatClient bob, ChatClient page) {
            this.ann = ann;
            this.bob = bob;
            this.page = page;
        }

        void stillChat() throws InterruptedException {
            String text = "check " + ++checks;
            bob.say(text);
            ann.nextMatching(f -> "message".equals(f.getString("type")) && text.equals(f.getString("text", null)));
            page.nextText(line -> line.endsWith("说：" + text));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
