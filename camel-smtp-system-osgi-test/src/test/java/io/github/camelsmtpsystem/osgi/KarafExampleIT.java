package io.github.camelsmtpsystem.osgi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import aQute.bnd.header.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.internal.mail.SinkConfigReader;
import io.github.camelsmtpsystem.internal.system.SmtpSystemsReader;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Karaf example in examples/karaf fits the bundle: the classes its Blueprint file names are exported, its route
 * names a system its systems file defines, and the component accepts its systems and mail sink files.
 */
class KarafExampleIT {

    static final String BLUEPRINT_NS = "http://www.osgi.org/xmlns/blueprint/v1.0.0";
    static final String CAMEL_NS = "http://camel.apache.org/schema/blueprint";

    static Path example;
    static Document blueprint;
    static final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void readTheExample() throws Exception {
        example = Path.of(System.getProperty("osgi.test.examples"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        blueprint = factory.newDocumentBuilder()
                .parse(example.resolve("deploy/smtp-system-example.xml").toFile());
    }

    @Test
    void everyClassTheBlueprintNamesIsInAnExportedPackageOfTheBundle() throws Exception {
        List<String> classes = new ArrayList<>();
        NodeList beans = blueprint.getElementsByTagNameNS(BLUEPRINT_NS, "bean");
        for (int i = 0; i < beans.getLength(); i++) {
            classes.add(((Element) beans.item(i)).getAttribute("class"));
        }
        NodeList exceptions = blueprint.getElementsByTagNameNS(CAMEL_NS, "exception");
        for (int i = 0; i < exceptions.getLength(); i++) {
            classes.add(exceptions.item(i).getTextContent().trim());
        }

        assertThat(classes)
                .contains(
                        "io.github.camelsmtpsystem.SmtpSystemComponent",
                        "io.github.camelsmtpsystem.mail.EntityMailException");
        try (JarFile jar = new JarFile(BuildOutput.bundle().toFile())) {
            Parameters exports =
                    new Parameters(jar.getManifest().getMainAttributes().getValue("Export-Package"));
            for (String name : classes) {
                assertThat(jar.getEntry(name.replace('.', '/') + ".class"))
                        .as(name)
                        .isNotNull();
                assertThat(exports.keySet())
                        .as("exported package of %s", name)
                        .contains(name.substring(0, name.lastIndexOf('.')));
            }
        }
    }

    @Test
    void theRouteSendsThroughTheSystemTheSystemsFileDefines() throws Exception {
        ConfigValueResolver values = new ConfigValueResolver(
                name -> Optional.of("from-the-environment"), name -> Optional.of("from-a-secret-file"));
        Path systemsFile = example.resolve("etc/smtp-system/systems.json");
        List<SmtpSystem> systems =
                new SmtpSystemsReader(mapper, values).read(Files.readString(systemsFile), systemsFile.toString());

        assertThat(systems).extracting(SmtpSystem::getId).containsExactly(routeSystemId());
        assertThat(systems.get(0).isUseTls()).isTrue();
    }

    @Test
    void theComponentAcceptsTheMailSinkFile() throws Exception {
        Path sinkFile = example.resolve("etc/smtp-system/mail-sink.json");
        Map<String, String> options =
                SinkConfigReader.read(Files.readString(sinkFile), sinkFile.toString(), routeSystemId(), mapper);

        assertThat(options).containsKeys("mailFrom", "recipientsProperty", "subjectTemplate", "bodyTemplate");
        JsonNode entities =
                mapper.readTree(example.resolve("entities/order-42.json").toFile());
        assertThat(entities.get(0).has(options.get("recipientsProperty"))).isTrue();
    }

    private static String routeSystemId() {
        NodeList tos = blueprint.getElementsByTagNameNS(CAMEL_NS, "to");
        for (int i = 0; i < tos.getLength(); i++) {
            Matcher uri = Pattern.compile("^smtp-system:([^?]+)").matcher(((Element) tos.item(i)).getAttribute("uri"));
            if (uri.find()) {
                return uri.group(1);
            }
        }
        throw new AssertionError("the example's route sends to no smtp-system: endpoint");
    }
}
