package io.github.camelsmtpsystem;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API (the root package and {@code system}, {@code mail}, {@code delivery}, {@code cap}, {@code oauth2})
 * never makes a user name an {@code internal} type, and the options and value classes do not even import one: what
 * a user's bundle sees in OSGi is exactly the exported packages.
 */
class PublicApiTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/camelsmtpsystem");
    private static final List<String> VALUE_PACKAGES = List.of("system", "mail", "delivery", "cap", "oauth2");
    private static final String INTERNAL = "io.github.camelsmtpsystem.internal.";

    @Test
    void theOptionsAndValueClassesImportNothingInternal() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(SOURCES.resolve("SmtpSystemConfiguration.java"));
        files.add(SOURCES.resolve("SmtpSystemConstants.java"));
        for (String pkg : VALUE_PACKAGES) {
            try (Stream<Path> listed = Files.list(SOURCES.resolve(pkg))) {
                listed.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("import " + INTERNAL);
        }
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        List<String> offending = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    check(type, method.toGenericString(), offending);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    check(type, constructor.toGenericString(), offending);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(type, field.toGenericString(), offending);
                }
            }
            check(type, String.valueOf(type.getGenericSuperclass()), offending);
            check(type, Arrays.toString(type.getGenericInterfaces()), offending);
        }
        assertThat(offending).isEmpty();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(Class<?> type, String signature, List<String> offending) {
        if (signature.contains(INTERNAL)) {
            offending.add(type.getSimpleName() + ": " + signature);
        }
    }

    private static List<Class<?>> publicTypes() throws IOException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        List<String> packages = new ArrayList<>(List.of(""));
        VALUE_PACKAGES.forEach(p -> packages.add(p + "/"));
        for (String pkg : packages) {
            try (Stream<Path> listed = Files.list(SOURCES.resolve(pkg.isEmpty() ? "." : pkg))) {
                for (Path file :
                        listed.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String name = file.getFileName().toString().replace(".java", "");
                    if (name.equals("package-info")) {
                        continue;
                    }
                    Class<?> type = Class.forName("io.github.camelsmtpsystem." + pkg.replace('/', '.') + name);
                    if (Modifier.isPublic(type.getModifiers())) {
                        types.add(type);
                        Arrays.stream(type.getDeclaredClasses())
                                .filter(c -> Modifier.isPublic(c.getModifiers()))
                                .forEach(types::add);
                    }
                }
            }
        }
        return types;
    }
}
