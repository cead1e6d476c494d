package dev.holdfast.objectstore.bench;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.Emulator;
import dev.holdfast.objectstore.GeneratedStream;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.azure.AzureLocation;
import dev.holdfast.objectstore.azure.AzureObjectStore;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.local.LocalObjectStore;
import dev.holdfast.objectstore.memory.MemoryObjectStore;
import dev.holdfast.objectstore.s3.S3Location;
import dev.holdfast.objectstore.s3.S3ObjectStore;
import dev.holdfast.objectstore.s3.S3Settings;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Uploads and downloads one file (1 GiB by default) through each store and through a reference tool on the same
 * target (cp for local disk, rclone for s3rver and Azurite), once each, and prints a Markdown table with MiB/s and the
 * ratio store / reference. Arguments: {@code [size-in-MiB] [work-dir]}. Needs test-peers installed and rclone on the
 * PATH. Loopback only.
 */
public final class ObjectStoreBenchmark {

    private static final String S3_BUCKET = "bench";
    private static final String AZURE_ACCOUNT = "devstoreaccount1";
    private static final String AZURE_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String AZURE_CONTAINER = "bench";

    record Row(String store, String reference, double upMine, double upRef, double downMine, double downRef) {}

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path work = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/bench"));
        Path source = work.resolve("source.bin");
        long size = mib << 20;
        byte[] digest = generate(source, size);
        List<Row> rows = new ArrayList<>();

        rows.add(local(work, source, size, digest));
        rows.add(memory(work, source, size, digest));
        int s3Port = Peers.freePort();
        try (Emulator s3rver = Emulator.start("s3rver-bench", List.of(Peers.npmExecutable("s3rver").toString(),
                "--address", "127.0.0.1", "--port", Integer.toString(s3Port), "--directory",
                Files.createDirectories(work.resolve("s3rver")).toString(), "--silent", "--configure-bucket",
                S3_BUCKET), Map.of("NODE_OPTIONS", "--openssl-legacy-provider"), s3Port)) {
            rows.add(s3(work, source, size, digest, s3Port));
        }
        int azPort = Peers.freePort();
        try (Emulator azurite = Emulator.start("azurite-bench", List.of(Peers.npmExecutable("azurite-blob").toString(),
                "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(azPort), "--location",
                Files.createDirectories(work.resolve("azurite")).toString(), "--skipApiVersionCheck",
                "--disableTelemetry", "--silent"), azPort)) {
            rows.add(azure(work, source, size, digest, azPort));
        }
        print(mib, rows);
    }

    private static Row local(Path work, Path source, long size, byte[] digest) throws Exception {
        Path root = work.resolve("local-root");
        Path copy = work.resolve("cp-copy.bin");
        Path back = work.resolve("cp-back.bin");
        double upRef = timed(size, () -> run("cp", source.toString(), copy.toString()));
        double downRef = timed(size, () -> run("cp", copy.toString(), back.toString()));
        Files.delete(copy);
        Files.delete(back);
        try (ObjectStore store = LocalObjectStore.open(root)) {
            Row row = measure("local (file:)", "cp", store, work, source, size, digest, upRef, downRef);
            store.delete("bench/object.bin");
            return row;
        }
    }

    private static Row memory(Path work, Path source, long size, byte[] digest) throws Exception {
        Path copy = work.resolve("cp-copy.bin");
        double ref = timed(size, () -> run("cp", source.toString(), copy.toString()));
        Files.delete(copy);
        try (ObjectStore store = new MemoryObjectStore("bench")) {
            return measure("memory", "cp (disk)", store, work, source, size, digest, ref, ref);
        }
    }

    private static Row s3(Path work, Path source, long size, byte[] digest, int port) throws Exception {
        String remote = ":s3,provider=Other,access_key_id=S3RVER,secret_access_key=S3RVER,endpoint=http://127.0.0.1:"
                + port + ",force_path_style=true:" + S3_BUCKET + "/rclone.bin";
        Path back = work.resolve("rclone-back.bin");
        double upRef = timed(size, () -> rclone(source.toString(), remote));
        double downRef = timed(size, () -> rclone(remote, back.toString()));
        check(back, digest);
        Files.delete(back);
        S3Settings settings = S3Settings.DEFAULTS.withRegion("us-east-1").withPathStyle(true)
                .withKeys("S3RVER", "S3RVER");
        try (ObjectStore store = S3ObjectStore.open(new S3Location(URI.create("http://127.0.0.1:" + port), S3_BUCKET,
                ""), settings, b -> b.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false)
                        .build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED))) {
            return measure("S3 (s3rver)", "rclone", store, work, source, size, digest, upRef, downRef);
        }
    }

    private static Row azure(Path work, Path source, long size, byte[] digest, int port) throws Exception {
        String endpoint = "http://127.0.0.1:" + port + "/" + AZURE_ACCOUNT;
        AzureSettings settings = AzureSettings.accountKey(AZURE_ACCOUNT, AZURE_KEY).withEndpoint(URI.create(endpoint));
        try (AzureObjectStore store = AzureObjectStore.open(new AzureLocation(AZURE_CONTAINER, ""), settings)) {
            store.container().createIfNotExists();
            String remote = ":azureblob,account=" + AZURE_ACCOUNT + ",key=" + AZURE_KEY + ",endpoint=" + endpoint
                    + ",access_tier=Cool:" + AZURE_CONTAINER + "/rclone.bin";
            Path back = work.resolve("rclone-back.bin");
            double upRef = timed(size, () -> rclone(source.toString(), remote));
            double downRef = timed(size, () -> rclone(remote, back.toString()));
            check(back, digest);
            Files.delete(back);
            return measure("Azure (Azurite)", "rclone", store, work, source, size, digest, upRef, downRef);
        }
    }

    private static Row measure(String name, String reference, ObjectStore store, Path work, Path source, long size,
            byte[] digest, double upRef, double downRef) throws Exception {
        Path back = work.resolve("store-back.bin");
        double up = timed(size, () -> store.put("bench/object.bin", Content.of(source)));
        double down = timed(size, () -> {
            try (InputStream in = store.get("bench/object.bin");
                    OutputStream out = Files.newOutputStream(back)) {
                in.transferTo(out);
            }
        });
        check(back, digest);
        Files.delete(back);
        System.err.printf(Locale.ROOT, "%s: up %.1f MiB/s (%s %.1f), down %.1f MiB/s (%s %.1f)%n", name, up, reference,
                upRef, down, reference, downRef);
        return new Row(name, reference, up, upRef, down, downRef);
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} once and returns MiB/s for {@code size} bytes. */
    private static double timed(long size, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return size / 1048576.0 / seconds;
    }

    private static void rclone(String from, String to) throws Exception {
        run("rclone", "copyto", "--config", "/dev/null", "--retries", "1", "--s3-upload-cutoff", "16M",
                "--s3-chunk-size", "16M", "--s3-upload-concurrency", "4", from, to);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static byte[] generate(Path file, long size) throws IOException {
        GeneratedStream stream = GeneratedStream.of(size, 42);
        try (OutputStream out = Files.newOutputStream(file)) {
            stream.transferTo(out);
        }
        return stream.digest();
    }

    private static void check(Path file, byte[] digest) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(GeneratedStream.digestOf(in), digest)) {
                throw new IllegalStateException(file + " does not match the source");
            }
        }
    }

    private static void print(long mib, List<Row> rows) {
        System.out.printf(Locale.ROOT, "%n%d MiB, one run each, MiB/s (ratio = store / reference)%n%n", mib);
        System.out.println("| store | reference | upload | ref. upload | ratio | download | ref. download | ratio |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n", r.store(),
                    r.reference(), r.upMine(), r.upRef(), r.upMine() / r.upRef(), r.downMine(), r.downRef(),
                    r.downMine() / r.downRef());
        }
    }
}
