package dev.holdfast.backup.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A status line redrawn every second on a terminal: elapsed time, files, bytes done of the total, rate and ETA. The
 * total comes from a scan of the paths that runs alongside the backup, as restic's does.
 */
final class ProgressLine implements AutoCloseable {

    /** What the line shows at one moment. */
    record Status(long files, long bytes) {}

    private final PrintStream err;
    private final Supplier<Status> status;
    private final AtomicLong total = new AtomicLong(-1);
    private final long start = System.nanoTime();
    private final Thread scanner;
    private final Thread printer;

    ProgressLine(PrintStream err, List<Path> paths, Supplier<Status> status) {
        this.err = err;
        this.status = status;
        this.scanner = Thread.ofVirtual().name("progress-scan").start(() -> total.set(scan(paths)));
        this.printer = Thread.ofVirtual().name("progress").start(this::loop);
    }

    private static long scan(List<Path> paths) {
        AtomicLong bytes = new AtomicLong();
        for (Path path : paths) {
            try {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            bytes.addAndGet(attributes.size());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // the backup reports unreadable paths; the estimate just misses them
            }
        }
        return bytes.get();
    }

    private void loop() {
        try {
            while (true) {
                Thread.sleep(1000);
                err.print("\r" + line(status.get(), total.get(), Duration.ofNanos(System.nanoTime() - start)));
                err.flush();
            }
        } catch (InterruptedException stopped) {
            // closed
        }
    }

    /** E.g. {@code [0:12] 340 files, 1.200 GiB / 2.000 GiB, 98.3 MiB/s, ETA 0:08}. */
    static String line(Status status, long total, Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        double rate = status.bytes() / seconds;
        StringBuilder line = new StringBuilder().append('[').append(clock((long) seconds)).append("] ")
                .append(status.files()).append(" files, ").append(Output.bytes(status.bytes()));
        if (total >= 0) {
            line.append(" / ").append(Output.bytes(total));
        }
        line.append(String.format(", %.1f MiB/s", rate / (1024 * 1024)));
        if (total > status.bytes() && rate > 0) {
            line.append(", ETA ").append(clock((long) ((total - status.bytes()) / rate)));
        }
        return line.append("   ").toString();
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public void close() {
        scanner.interrupt();
        printer.interrupt();
        try {
            printer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r" + " ".repeat(78) + "\r");
        err.flush();
    }
}
