package io.github.camelsmtpsystem.osgi.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.ClassResolver;
import org.apache.camel.util.ObjectHelper;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Camel's class and resource look-ups in an OSGi framework, the way camel-karaf's camel-core-osgi does them: a
 * {@code META-INF/services/org/apache/camel/...} factory file is found in whichever bundle has it, and the class it
 * names is loaded by that bundle, through that bundle's own wiring. Remembers which bundle answered each factory
 * file, for the test to check.
 */
public final class BundleClassResolver implements ClassResolver {

    private final BundleContext context;
    private final Set<ClassLoader> classLoaders = new LinkedHashSet<>();
    private final Map<String, Bundle> factoryOrigins = new ConcurrentHashMap<>();
    private final Map<String, Bundle> classOrigins = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public BundleClassResolver(BundleContext context) {
        this.context = context;
    }

    /** The bundle whose entry answered this resource, for each resource found so far. */
    public Map<String, Bundle> factoryOrigins() {
        return Collections.unmodifiableMap(factoryOrigins);
    }

    /** Classes that a bundle holds but could not load, with the reason: what to look at when Camel does not start. */
    public Map<String, String> failures() {
        return Collections.unmodifiableMap(failures);
    }

    @Override
    public void addClassLoader(ClassLoader classLoader) {
        classLoaders.add(classLoader);
    }

    @Override
    public Set<ClassLoader> getClassLoaders() {
        return Collections.unmodifiableSet(classLoaders);
    }

    @Override
    public ClassLoader getClassLoader(String name) {
        return null;
    }

    @Override
    public Class<?> resolveClass(String name) {
        return find(name);
    }

    @Override
    public <T> Class<T> resolveClass(String name, Class<T> type) {
        return cast(find(name), type);
    }

    @Override
    public Class<?> resolveClass(String name, ClassLoader loader) {
        Class<?> found = load(name, loader);
        return found != null ? found : find(name);
    }

    @Override
    public <T> Class<T> resolveClass(String name, Class<T> type, ClassLoader loader) {
        return cast(resolveClass(name, loader), type);
    }

    @Override
    public Class<?> resolveMandatoryClass(String name) throws ClassNotFoundException {
        return mandatory(find(name), name);
    }

    @Override
    public <T> Class<T> resolveMandatoryClass(String name, Class<T> type) throws ClassNotFoundException {
        return cast(mandatory(find(name), name), type);
    }

    @Override
    public Class<?> resolveMandatoryClass(String name, ClassLoader loader) throws ClassNotFoundException {
        return mandatory(resolveClass(name, loader), name);
    }

    @Override
    public <T> Class<T> resolveMandatoryClass(String name, Class<T> type, ClassLoader loader)
            throws ClassNotFoundException {
        return cast(mandatory(resolveClass(name, loader), name), type);
    }

    @Override
    public InputStream loadResourceAsStream(String uri) {
        URL url = loadResourceAsURL(uri);
        try {
            return url == null ? null : url.openStream();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public URL loadResourceAsURL(String uri) {
        String path = uri.startsWith("/") ? uri.substring(1) : uri;
        for (Bundle bundle : context.getBundles()) {
            URL entry = bundle.getEntry(path);
            if (entry != null) {
                factoryOrigins.put(path, bundle);
                return entry;
            }
        }
        return null;
    }

    @Override
    public Enumeration<URL> loadResourcesAsURL(String uri) {
        return loadAllResourcesAsURL(uri);
    }

    @Override
    public Enumeration<URL> loadAllResourcesAsURL(String uri) {
        String path = uri.startsWith("/") ? uri.substring(1) : uri;
        List<URL> urls = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            URL entry = bundle.getEntry(path);
            if (entry != null) {
                urls.add(entry);
            }
        }
        return Collections.enumeration(urls);
    }

    /** The class from the bundle that holds its class file, else from any bundle that can load it. */
    private Class<?> find(String name) {
        Class<?> simple = ObjectHelper.loadSimpleType(name);
        if (simple != null) {
            return simple;
        }
        Class<?> own = load(name, BundleClassResolver.class.getClassLoader());
        if (own != null) {
            return own;
        }
        Bundle known = classOrigins.get(name);
        if (known != null) {
            return load(known, name);
        }
        String file = name.replace('.', '/') + ".class";
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0 && bundle.getEntry(file) != null) {
                try {
                    Class<?> found = bundle.loadClass(name);
                    classOrigins.put(name, bundle);
                    return found;
                } catch (ClassNotFoundException | LinkageError e) {
                    failures.put(name, bundle.getSymbolicName() + ": " + e);
                }
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                Class<?> found = load(bundle, name);
                if (found != null) {
                    classOrigins.put(name, bundle);
                    return found;
                }
            }
        }
        return null;
    }

    private static Class<?> load(Bundle bundle, String name) {
        try {
            return bundle.loadClass(name);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return null;
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return null;
        }
    }

    private static Class<?> mandatory(Class<?> found, String name) throws ClassNotFoundException {
        if (found == null) {
            throw new ClassNotFoundException(name + " is in no bundle");
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> cast(Class<?> found, Class<T> type) {
        return found != null && type.isAssignableFrom(found) ? (Class<T>) found : null;
    }
}
