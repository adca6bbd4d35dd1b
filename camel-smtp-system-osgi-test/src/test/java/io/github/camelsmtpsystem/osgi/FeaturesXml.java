package io.github.camelsmtpsystem.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A Karaf features repository, read as Karaf reads the parts these tests need. */
final class FeaturesXml {

    /** A {@code <feature>} inside a feature: another feature it installs. */
    record FeatureRef(String name, String version, boolean dependency) {}

    /** A {@code <bundle>} of a feature. */
    record BundleRef(String url, boolean dependency) {}

    private final Document document;

    private FeaturesXml(Document document) {
        this.document = document;
    }

    static FeaturesXml read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new FeaturesXml(factory.newDocumentBuilder().parse(file.toFile()));
    }

    Element root() {
        return document.getDocumentElement();
    }

    List<String> repositories() {
        List<String> repositories = new ArrayList<>();
        for (Element repository : children(root(), "repository")) {
            repositories.add(repository.getTextContent().trim());
        }
        return repositories;
    }

    Element feature(String name) {
        return children(root(), "feature").stream()
                .filter(feature -> name.equals(feature.getAttribute("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("features.xml has no feature named " + name));
    }

    List<FeatureRef> features(String name) {
        List<FeatureRef> features = new ArrayList<>();
        for (Element feature : children(feature(name), "feature")) {
            features.add(new FeatureRef(
                    feature.getTextContent().trim(),
                    feature.getAttribute("version"),
                    Boolean.parseBoolean(feature.getAttribute("dependency"))));
        }
        return features;
    }

    List<BundleRef> bundles(String name) {
        List<BundleRef> bundles = new ArrayList<>();
        for (Element bundle : children(feature(name), "bundle")) {
            bundles.add(new BundleRef(
                    bundle.getTextContent().trim(), Boolean.parseBoolean(bundle.getAttribute("dependency"))));
        }
        return bundles;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                elements.add(element);
            }
        }
        return elements;
    }
}
