package dev.holdfast.objectstore.bench;

import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
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
import java.time.OffsetDateTime;
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

        rows.add(local(work, source, size, digest, false));
        rows.add(local(work, source, size, digest, true));
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

    /**
     * The local store against cp, or against cp followed by {@code sync FILE} ({@code synced}), which like the store
     * waits until the copy is on disk.
     */
    private static Row local(Path work, Path source, long size, byte[] digest, boolean synced) throws Exception {
        Path root = work.resolve("local-root");
        try (ObjectStore store = LocalObjectStore.open(root)) {
            return bestOfTwo(() -> {
                Path copy = work.resolve("cp-copy.bin");
                Path back = work.resolve("cp-back.bin");
                double upRef = timed(size, () -> copy(source, copy, synced));
                double downRef = timed(size, () -> copy(copy, back, synced));
                Files.delete(copy);
                Files.delete(back);
                Row row = measure("local (file:)", synced ? "cp + sync" : "cp", store, work, source, size, digest,
                        upRef, downRef);
                store.delete("bench/object.bin");
                return row;
            });
        }
    }

    private static void copy(Path from, Path to, boolean synced) throws Exception {
        run("cp", from.toString(), to.toString());
        if (synced) {
            run("sync", to.toString());
        }
    }

    private static Row memory(Path work, Path source, long size, byte[] digest) throws Exception {
        return bestOfTwo(() -> {
            try (ObjectStore store = new MemoryObjectStore("bench")) {
                return measure("memory", "none", store, work, source, size, digest, Double.NaN, Double.NaN);
            }
        });
    }

    @FunctionalInterface
    interface Trial {
        Row run() throws Exception;
    }

    /** Two rounds, each reference then store; per column the faster of the two. */
    private static Row bestOfTwo(Trial trial) throws Exception {
        Row a = trial.run();
        Row b = trial.run();
        return new Row(a.store(), a.reference(), Math.max(a.upMine(), b.upMine()), Math.max(a.upRef(), b.upRef()),
                Math.max(a.downMine(), b.downMine()), Math.max(a.downRef(), b.downRef()));
    }

    private static Row s3(Path work, Path source, long size, byte[] digest, int port) throws Exception {
        return bestOfTwo(() -> s3Once(work, source, size, digest, port));
    }

    private static Row s3Once(Path work, Path source, long size, byte[] digest, int port) throws Exception {
        Map<String, String> env = Map.of("RCLONE_S3_PROVIDER", "Other", "RCLONE_S3_ACCESS_KEY_ID", "S3RVER",
                "RCLONE_S3_SECRET_ACCESS_KEY", "S3RVER", "RCLONE_S3_REGION", "us-east-1",
                "RCLONE_S3_ENDPOINT", "http://127.0.0.1:" + port, "RCLONE_S3_FORCE_PATH_STYLE", "true");
        String remote = ":s3:" + S3_BUCKET + "/rclone.bin";
        Path back = work.resolve("rclone-back.bin");
        double upRef = timed(size, () -> rclone(env, source.toString(), remote));
        double downRef = timed(size, () -> rclone(env, remote, back.toString()));
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
        return bestOfTwo(() -> azureOnce(work, source, size, digest, port));
    }

    private static Row azureOnce(Path work, Path source, long size, byte[] digest, int port) throws Exception {
        String endpoint = "http://127.0.0.1:" + port + "/" + AZURE_ACCOUNT;
        AzureSettings settings = AzureSettings.accountKey(AZURE_ACCOUNT, AZURE_KEY).withEndpoint(URI.create(endpoint));
        try (AzureObjectStore store = AzureObjectStore.open(new AzureLocation(AZURE_CONTAINER, ""), settings)) {
            store.container().createIfNotExists();
            // rclone 1.60 takes an Azure endpoint only as a domain suffix, so it reaches Azurite through a container SAS URL
            var permissions = new BlobContainerSasPermission().setReadPermission(true).setWritePermission(true)
                    .setCreatePermission(true).setAddPermission(true).setListPermission(true)
                    .setDeletePermission(true);
            String sas = store.container().generateSas(
                    new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(3), permissions));
            Map<String, String> env = Map.of("RCLONE_AZUREBLOB_SAS_URL",
                    store.container().getBlobContainerUrl() + "?" + sas, "RCLONE_AZUREBLOB_ACCESS_TIER", "Cool");
            String remote = ":azureblob:" + AZURE_CONTAINER + "/rclone.bin";
            Path back = work.resolve("rclone-back.bin");
            double upRef = timed(size, () -> rclone(env, source.toString(), remote));
            double downRef = timed(size, () -> rclone(env, remote, back.toString()));
            check(back, digest);
            Files.delete(back);
            return measure("Azure (Azurite)", "rclone", store, work, source, size, digest, upRef, downRef);
        }
    }

    private static Row measure(String name, String reference, ObjectStore store, Path work, Path source, long size,
            byte[] digest, double upRef, double downRef) throws Exception {
        Path back = work.resolve("store-back.bin");
        warmUp(store);
        System.gc();
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

    /** A 32 MiB put and get first, so the JIT has compiled the store's and the SDK's paths before timing starts. */
    private static void warmUp(ObjectStore store) throws IOException {
        long size = 32L << 20;
        store.put("bench/warm-up.bin", Content.of(GeneratedStream.of(size, 1), size));
        try (InputStream in = store.get("bench/warm-up.bin")) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        store.delete("bench/warm-up.bin");
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

    /** rclone ({@code --ignore-times}: always transfer) with the same part size and concurrency as the store's defaults, configured by {@code env} only. */
    private static void rclone(Map<String, String> env, String from, String to) throws Exception {
        run(env, "rclone", "copyto", "--config", "/dev/null", "--retries", "1", "--ignore-times", "--s3-upload-cutoff", "16M",
                "--s3-chunk-size", "16M", "--s3-upload-concurrency", "4", "--azureblob-chunk-size", "8M",
                "--azureblob-upload-concurrency", "4", from, to);
    }

    private static void run(String... command) throws Exception {
        run(Map.of(), command);
    }

    private static void run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        // a CA bundle set for HTTPS elsewhere makes rclone's S3 client refuse its plain-HTTP loopback transport
        builder.environment().remove("AWS_CA_BUNDLE");
        Process process = builder.start();
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

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static void print(long mib, List<Row> rows) {
        System.out.printf(Locale.ROOT, "%n%d MiB, best of two runs, MiB/s (ratio = store / reference)%n%n", mib);
        System.out.println("| store | reference | upload | ref. upload | ratio | download | ref. download | ratio |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %.0f | %s | %s |%n", r.store(),
                    r.reference(), r.upMine(), number(r.upRef(), "%.0f"), number(r.upMine() / r.upRef(), "%.2f"),
                    r.downMine(), number(r.downRef(), "%.0f"), number(r.downMine() / r.downRef(), "%.2f"));
        }
    }
}
