package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.geochat.geoip.Attribution;
import org.junit.jupiter.api.Test;

class JsonRecordWriterTest {

    @Test
    void anAnswerCarriesItsLengthInBytes() throws Exception {
        Attribution answer = new Attribution("Zürich ✓ 𝄞", "https://db-ip.com");
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new JsonRecordWriter().writeTo(answer, Attribution.class, Attribution.class, null, null, headers, out);

        assertEquals("{\"text\":\"Zürich ✓ 𝄞\",\"url\":\"https://db-ip.com\"}", out.toString(StandardCharsets.UTF_8));
        assertEquals(out.size(), headers.getFirst("Content-Length"));
    }
}
