package dev.holdfast.backup.cli;

import dev.holdfast.backup.repository.Repository;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a repository's index will fit this JVM's heap, judged from the size of its index files before any is
 * read (the repository opened, its index not yet loaded), and a restart with a heap that fits when it will not.
 *
 * <p>A repository holds its whole index once a command reads it (as restic does): about 73 bytes of heap per blob,
 * 1.8 times the size of the compressed index files (a 1.2-million-blob repository: 47.8 MB of index files, 88 MB of
 * heap after loading them). The launcher's fixed 96 MiB heap keeps small repositories' commands small, and a heap
 * merely allowed to grow does not stay small under the serial collector, so the size is chosen here, once, from the
 * repository: {@link #WORKING_SET} for the command's own buffers plus twice the index files' size, eight times for
 * prune (it walks every snapshot, lists packs' blobs and indexes the blobs it repacks a second time: a synthetic
 * 1.2-million-blob repository whose every pack was partly unused needed 384 MiB to prune, restic 0.14 1.2 GiB).
 * Uncompressed (format v1) index files take about three times as many bytes per blob, so for them this
 * overestimates.
 */
final class HeapFit {

    /** Set (e.g. {@code 512m}) to fix the heap: no restart then, whatever the repository's size. */
    static final String HEAP_VARIABLE = "HOLDFAST_BACKUP_HEAP";

    /** Chunks and packs in flight, restore and check buffers: a 2 GiB backup's live set is 40-56 MiB. */
    static final long WORKING_SET = 48L << 20;
    static final int OPEN_FACTOR = 2;
    static final int PRUNE_FACTOR = 8;
    private static final long STEP = 16L << 20;

    /** Asks for a restart of the command in a new JVM with this heap. */
    static final class Restart extends RuntimeException {
        final long heapMiB;

        Restart(long heapMiB) {
            super("the repository's index needs a heap of about " + heapMiB + " MiB", null, false, false);
            this.heapMiB = heapMiB;
        }
    }

    private HeapFit() {
    }

    /** The heap, in MiB, a repository with this much index needs (a multiple of 16). */
    static long heapMiB(long indexBytes, int indexFactor) {
        long needed = WORKING_SET + indexFactor * indexBytes;
        return (needed + STEP - 1) / STEP * (STEP >> 20);
    }

    /**
     * Throws {@link Restart} when the repository's index will not fit {@code maxHeap}, unless the heap was fixed
     * ({@link #HEAP_VARIABLE}): then the command runs, and exits saying so if the heap runs out.
     */
    static void check(Repository repository, Map<String, String> env, long maxHeap, int indexFactor) {
        String fixed = env.get(HEAP_VARIABLE);
        if (fixed != null && !fixed.isBlank()) {
            return;
        }
        long wanted = heapMiB(repository.indexFileBytes(), indexFactor); // the listing the index is then loaded from
        if (wanted << 20 > maxHeap) {
            throw new Restart(wanted);
        }
    }

    /**
     * Runs the same command line in a new JVM with the same options and {@code -Xmx<heapMiB>m} (with
     * {@link #HEAP_VARIABLE} set, so it does not restart again), its standard streams this process's own; returns
     * its exit code. Only the key and config have been read by then: nothing from standard input, nothing written or
     * locked.
     */
    static int restart(long heapMiB, String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Xmx" + heapMiB + "m"); // the last one given wins
        String classPath = System.getProperty("java.class.path");
        if (System.getProperty("sun.java.command", "").startsWith(classPath + " ") && classPath.endsWith(".jar")) {
            command.add("-jar"); // as the launcher runs it: the jar's manifest allows zstd's native library
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(HoldfastBackup.class.getName());
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(HEAP_VARIABLE, heapMiB + "m");
        Process process = builder.start();
        Thread stop = new Thread(() -> { // this process interrupted or terminated: so is the command
            if (process.isAlive()) {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(stop);
        int code = process.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        return code;
    }
}
