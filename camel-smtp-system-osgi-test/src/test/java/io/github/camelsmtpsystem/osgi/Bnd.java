package io.github.camelsmtpsystem.osgi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/** Makes bundles with bnd: plain jars wrapped as Karaf's {@code wrap:} would, and the probe bundle from test classes. */
final class Bnd {

    private Bnd() {}

    /**
     * The plain jar as a bundle that exports all its packages at its version and imports what it uses, optionally
     * (the stand-ins are not under test; what they cannot wire, they do not need here). Kept in {@code into} between
     * runs.
     */
    static Path wrap(Path jar, String symbolicName, String version, Path into) throws Exception {
        Path out = into.resolve(symbolicName + "-" + version + ".jar");
        if (Files.isRegularFile(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return out;
        }
        try (Jar content = new Jar(jar.toFile());
                Analyzer analyzer = new Analyzer(content)) {
            analyzer.setProperty(Analyzer.BUNDLE_SYMBOLICNAME, symbolicName);
            analyzer.setProperty(Analyzer.BUNDLE_VERSION, version);
            analyzer.setProperty(Analyzer.EXPORT_PACKAGE, "*;version=" + version);
            analyzer.setProperty(Analyzer.IMPORT_PACKAGE, "*;resolution:=optional");
            analyzer.setProperty(Analyzer.NOIMPORTJAVA, "true");
            analyzer.setProperty(Analyzer.NOEXTRAHEADERS, "true");
            Manifest manifest = analyzer.calcManifest();
            failOnErrors(analyzer, jar);
            content.setManifest(manifest);
            Path temporary = Files.createTempFile(into, symbolicName, ".tmp");
            content.write(temporary.toFile());
            return Files.move(temporary, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A bundle of the given test-class packages and resource folders, with an activator. */
    static Path bundle(
            String symbolicName,
            String activator,
            List<String> packages,
            List<String> resourceFolders,
            Path testClasses,
            Path into)
            throws Exception {
        Path out = into.resolve(symbolicName + ".jar");
        try (Builder builder = new Builder()) {
            builder.setProperty(Analyzer.BUNDLE_SYMBOLICNAME, symbolicName);
            builder.setProperty(Analyzer.BUNDLE_VERSION, "1.0.0");
            builder.setProperty(Analyzer.BUNDLE_ACTIVATOR, activator);
            builder.setProperty(Analyzer.PRIVATE_PACKAGE, String.join(",", packages));
            builder.setProperty(
                    Analyzer.INCLUDERESOURCE,
                    String.join(
                            ",",
                            resourceFolders.stream()
                                    .map(folder -> folder + "=" + testClasses.resolve(folder))
                                    .toList()));
            builder.setProperty(Analyzer.NOIMPORTJAVA, "true");
            builder.setProperty(Analyzer.NOEXTRAHEADERS, "true");
            builder.addClasspath(testClasses.toFile());
            try (Jar jar = builder.build()) {
                failOnErrors(builder, testClasses);
                jar.write(out.toFile());
            }
        }
        return out;
    }

    private static void failOnErrors(Processor processor, Path source) {
        if (!processor.getErrors().isEmpty()) {
            throw new IllegalStateException("bnd cannot make a bundle of " + source + ": " + processor.getErrors());
        }
    }
}
