package dev.holdfast.backup.repository;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about this process that restic records in key, lock and snapshot files. */
public final class Host {

    private Host() {}

    private static volatile String hostname;

    /** The kernel's host name, as Go's {@code os.Hostname} (no DNS lookup); cached. */
    public static String hostname() {
        String name = hostname;
        if (name == null) {
            try {
                name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (java.io.IOException | RuntimeException e) {
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException unknown) {
                    name = "localhost";
                }
            }
            hostname = name;
        }
        return name;
    }

    public static String username() {
        String name = System.getProperty("user.name");
        return name == null ? "" : name;
    }

    public static long uid() {
        return idOf("unix:uid");
    }

    public static long gid() {
        return idOf("unix:gid");
    }

    private static long idOf(String attribute) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), attribute)).longValue();
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }
}
