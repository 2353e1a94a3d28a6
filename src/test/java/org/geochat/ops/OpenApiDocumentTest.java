package org.geochat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.geochat.GeochatApplication;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document {@code mvn package} generated describes every JAX-RS resource method (found by scanning
 * the compiled classes), and the README's API table lists exactly the operations it describes.
 */
class OpenApiDocumentTest {

    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target/classes");
    private static final Pattern README_ROW = Pattern.compile("^\\| `(GET|POST) (/api/[^?` ]*)");

    @Test
    void everyResourceMethodIsInTheDocument() throws IOException {
        Set<String> operations = resourceOperations();
        assertTrue(operations.size() >= 16, operations.toString());
        assertEquals(operations, documentOperations());
    }

    @Test
    void theReadmeApiTableListsTheSameOperations() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(java.nio.file.Path.of("README.md"))) {
            Matcher row = README_ROW.matcher(line);
            if (row.find()) {
                listed.add(row.group(1) + " " + row.group(2));
            }
        }
        assertEquals(documentOperations(), listed);
    }

    private static Set<String> documentOperations() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertNotNull(in, "run mvn package: it generates " + OpenApiResource.DOCUMENT);
            try (JsonReader reader = Json.createReader(in)) {
                JsonObject document = reader.readObject();
                assertTrue(document.getString("openapi").startsWith("3."));
                Set<String> operations = new TreeSet<>();
                document.getJsonObject("paths")
                        .forEach((path, item) -> item.asJsonObject()
                                .keySet()
                                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
                return operations;
            }
        }
    }

    private static Set<String> resourceOperations() throws IOException {
        String api = "/"
                + GeochatApplication.class.getAnnotation(ApplicationPath.class).value();
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(CLASSES)) {
            for (Class<?> type : files.map(CLASSES::relativize)
                    .map(Object::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(name.replace('/', '.').replace(".class", "")))
                    .toList()) {
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String verb = method.isAnnotationPresent(GET.class)
                            ? "GET"
                            : method.isAnnotationPresent(POST.class) ? "POST" : null;
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        operations.add(verb + " " + api + "/" + root.value() + (sub == null ? "" : "/" + sub.value()));
                    }
                }
            }
        }
        return operations;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
