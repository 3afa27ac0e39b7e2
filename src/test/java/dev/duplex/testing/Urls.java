package dev.duplex.testing;

import java.net.URI;

/** Addresses under a deployment's base, {@code http://host:port/duplex/}. */
public final class Urls {

    private Urls() {
    }

    /** {@code path} such as {@code "echo"} as a ws:// address. */
    public static URI ws(URI base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + path);
    }

    public static URI http(URI base, String path) {
        return base.resolve(path);
    }
}
