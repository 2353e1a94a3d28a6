package org.geochat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange written byte for byte, for requests no HTTP client library will send: a malformed
 * chunked body, a header no parser should take, a method such as TRACE. {@code Connection: close} is added.
 */
public final class RawHttp {

    /** The status code, the head (status line and headers, lower case) and the body as text. */
    public record Answer(int status, String head, String body) {
        public boolean hasHeader(String nameAndValue) {
            return head.contains("\r\n" + nameAndValue.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** @param head the request line and headers, without the final blank line; {@code {path}} is the deployment's path */
    public static Answer exchange(URL base, String head, byte[] body) {
        URI uri = URI.create(base.toString());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) Http.DEADLINE.toMillis());
            String request = head.replace("{path}", uri.getRawPath()) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            byte[] answer = readAll(socket.getInputStream());
            String text = new String(answer, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String headPart = end < 0 ? text : text.substring(0, end);
            return new Answer(
                    Integer.parseInt(headPart.substring(9, 12)),
                    headPart.toLowerCase(Locale.ROOT) + "\r\n",
                    end < 0 ? "" : text.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(head.lines().findFirst().orElse(head), e);
        }
    }

    public static Answer exchange(URL base, String head) {
        return exchange(base, head, new byte[0]);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }
}
