package dev.duplex.web;

import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Loads every class of duplex's own at start, while its files are certain to be there. Payara Micro
 * runs the WAR from a temporary directory that a JVM shutdown hook of its own deletes (FileUtils'
 * FileDeletionThread), and the JVM runs that hook at the same time as the one that stops the
 * server: a class that the goodbye needs for the first time (a room's leave event, say) could be
 * gone by then, and the client would never get its close.
 */
final class OwnClasses {

    private static final System.Logger LOG = System.getLogger(OwnClasses.class.getName());
    private static final String CLASSES = "/WEB-INF/classes/";

    private OwnClasses() {
    }

    static void loadAll(ServletContext context, ClassLoader loader) {
        Deque<String> directories = new ArrayDeque<>(List.of(CLASSES));
        while (!directories.isEmpty()) {
            Set<String> paths = context.getResourcePaths(directories.pop());
            for (String path : paths == null ? Set.<String>of() : paths) {
                if (path.endsWith("/")) {
                    directories.push(path);
                } else if (path.endsWith(".class")) {
                    String name = path.substring(CLASSES.length(), path.length() - ".class".length()).replace('/', '.');
                    try {
                        Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        LOG.log(Level.WARNING, "cannot load {0} ahead: {1}", name, e.toString());
                    }
                }
            }
        }
    }
}
