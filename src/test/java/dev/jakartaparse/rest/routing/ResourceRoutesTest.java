package dev.jakartaparse.rest.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JAX-RS resources and the route table cannot drift apart: every resource method's HTTP method
 * and path has its route in the table and the other way round (except the routes only batch runs),
 * and the methods marked {@link MasterKeyRequired} are exactly the table's master-only routes. Only
 * {@code rest} may see JAX-RS, so its resources are all there is to read.
 */
class ResourceRoutesTest {
    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*(?::\\s*([^}]*?)\\s*)?}");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\w+(\\|\\w+)+");

    /** "GET classes/{}" (parameters without their names) -> whether the resource method is marked master-only. */
    private static Map<String, Boolean> resourceRoutes;

    @BeforeAll
    static void readResources() throws IOException, URISyntaxException {
        resourceRoutes = new TreeMap<>();
        List<Class<?>> resources = restClasses().stream()
                .filter(c -> c.isAnnotationPresent(Path.class))
                .toList();
        assertTrue(resources.size() > 10, "found the resources: " + resources);
        for (Class<?> resource : resources) {
            for (Method m : resource.getDeclaredMethods()) {
                String httpMethod = httpMethod(m);
                if (httpMethod == null) {
                    assertFalse(m.isAnnotationPresent(Path.class), "sub-resource locators are not checked: " + m);
                    continue;
                }
                String template = join(
                        resource.getAnnotation(Path.class).value(),
                        m.isAnnotationPresent(Path.class)
                                ? m.getAnnotation(Path.class).value()
                                : "");
                boolean master = resource.isAnnotationPresent(MasterKeyRequired.class)
                        || m.isAnnotationPresent(MasterKeyRequired.class);
                for (String path : expandAlternatives(template)) {
                    Boolean before = resourceRoutes.put(httpMethod + " " + shape(path), master);
                    assertEquals(null, before, "two resource methods for " + httpMethod + " " + path);
                }
            }
        }
    }

    @Test
    void everyResourceMethodHasItsRouteAndEveryRouteItsResourceMethod() {
        Map<String, Boolean> tableRoutes = new TreeMap<>();
        for (Route r : ParseRoutes.TABLE.routes()) {
            tableRoutes.put(r.method() + " " + shape(r.path().template()), r.masterOnly() != null);
        }
        assertEquals(String.join("\n", resourceRoutes.keySet()), String.join("\n", tableRoutes.keySet()));
        assertEquals(resourceRoutes, tableRoutes, "the master-only routes (true) of the resources and of the table");
    }

    /** The compiled classes of dev.jakartaparse.rest and below. */
    private static List<Class<?>> restClasses() throws IOException, URISyntaxException {
        java.nio.file.Path root = Paths.get(ParseRoutes.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/jakartaparse/rest"))) {
            for (java.nio.file.Path f :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    out.add(Class.forName(name, false, ParseRoutes.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        String joined = (classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.replaceAll("^/|/$", "");
    }

    /** {alias: users|sessions|roles}/{objectId} -> users/{objectId}, sessions/{objectId}, roles/{objectId}. */
    private static List<String> expandAlternatives(String template) {
        Matcher m = PARAMETER.matcher(template);
        while (m.find()) {
            if (m.group(2) != null && ALTERNATIVES.matcher(m.group(2)).matches()) {
                List<String> out = new ArrayList<>();
                for (String literal : m.group(2).split("\\|")) {
                    out.addAll(expandAlternatives(
                            template.substring(0, m.start()) + literal + template.substring(m.end())));
                }
                return out;
            }
        }
        return List.of(template);
    }

    /** The template with its parameters' names left out: they need not agree, their places must. */
    private static String shape(String template) {
        return PARAMETER
                .matcher(template)
                .replaceAll(r -> r.group(2) == null ? "{}" : "{:" + Matcher.quoteReplacement(r.group(2)) + "}");
    }
}
