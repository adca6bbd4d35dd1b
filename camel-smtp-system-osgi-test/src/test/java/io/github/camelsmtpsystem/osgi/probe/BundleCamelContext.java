package io.github.camelsmtpsystem.osgi.probe;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ClassResolver;
import org.apache.camel.spi.PackageScanClassResolver;
import org.apache.camel.support.PluginHelper;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A Camel context that looks up classes, factory files and type converters across the framework's bundles, as
 * camel-karaf's {@code OsgiDefaultCamelContext} and its activator do.
 */
final class BundleCamelContext extends DefaultCamelContext {

    private static final String[] TYPE_CONVERTER_LOADERS = {
        "META-INF/services/org/apache/camel/TypeConverterLoader",
        "META-INF/services/org/apache/camel/UberTypeConverterLoader"
    };

    BundleCamelContext() {
        super(false);
        // Camel reads type converter loaders with the class loaders of its package scanner: give it each bundle's that
        // has one
        PackageScanClassResolver scanner = PluginHelper.getPackageScanClassResolver(this);
        for (Bundle bundle : bundleContext().getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring != null && hasTypeConverters(bundle)) {
                scanner.addClassLoader(wiring.getClassLoader());
            }
        }
    }

    /** Made here, not set later, because Camel asks for it while it constructs itself. */
    @Override
    protected ClassResolver createClassResolver() {
        return new BundleClassResolver(bundleContext());
    }

    private static boolean hasTypeConverters(Bundle bundle) {
        for (String path : TYPE_CONVERTER_LOADERS) {
            if (bundle.getEntry(path) != null) {
                return true;
            }
        }
        return false;
    }

    private static BundleContext bundleContext() {
        return FrameworkUtil.getBundle(BundleCamelContext.class).getBundleContext();
    }
}
