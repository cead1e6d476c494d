package dev.holdfast.objectstore.s3;

import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.internal.SourceStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One multipart upload: parts are read from the content one at a time and uploaded by up to {@code concurrency}
 * virtual threads; on any failure the upload is aborted after the parts in flight have ended, so S3 keeps no parts
 * and no object appears. Parts grow (16 MiB, then twice that every 2,000 parts) so 10,000 parts hold about 1 TiB.
 */
final class MultipartUpload {

    private static final int MAX_PARTS = 10_000;
    private static final int PARTS_PER_SIZE = 2_000;
    private static final long MAX_PART_BYTES = 1L << 30;

    private final S3Client client;
    private final String bucket;
    private final long partSize;
    private final int concurrency;

    MultipartUpload(S3Client client, String bucket, long partSize, int concurrency) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
        this.concurrency = concurrency;
    }

    /** The first part's size in bytes. */
    int partSize() {
        return (int) partSize;
    }

    /**
     * Uploads {@code first}, {@code second} and the rest of {@code in} as the object {@code name}.
     *
     * @param first the first part, {@link #partSize()} bytes
     * @param second the second part, not empty
     */
    PutResult upload(String key, String name, SourceStream in, byte[] first, byte[] second, PutOptions options)
            throws IOException {
        String uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(name)
                .contentType(options.effectiveContentType()).metadata(options.metadata())).uploadId();
        try {
            List<CompletedPart> parts = uploadParts(name, uploadId, in, first, second);
            CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(name).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts));
            if (options.createOnly()) {
                complete.ifNoneMatch("*");
            }
            String etag = client.completeMultipartUpload(complete.build()).eTag();
            return new PutResult(key, in.count(), ObjectInfo.unquote(etag));
        } catch (IOException | RuntimeException | Error e) {
            abort(name, uploadId, e);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String name, String uploadId, SourceStream in, byte[] first, byte[] second)
            throws IOException {
        List<Future<CompletedPart>> futures = new ArrayList<>();
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            byte[] chunk = first;
            for (int number = 1; chunk.length > 0; number++) {
                if (number > MAX_PARTS) {
                    throw new IOException("content is too large for one S3 object: more than " + MAX_PARTS + " parts");
                }
                acquire(slots);
                throwFirstFailure(futures, false);
                int partNumber = number;
                byte[] data = chunk;
                futures.add(executor.submit(() -> {
                    try {
                        String etag = client.uploadPart(r -> r.bucket(bucket).key(name).uploadId(uploadId)
                                .partNumber(partNumber).contentLength((long) data.length),
                                RequestBody.fromBytes(data)).eTag();
                        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
                    } finally {
                        slots.release();
                    }
                }));
                chunk = number == 1 ? second : in.readNBytes(sizeOfPart(number + 1));
            }
            return throwFirstFailure(futures, true);
        }
    }

    private int sizeOfPart(int number) {
        long size = partSize << ((number - 1) / PARTS_PER_SIZE);
        return (int) Math.min(size, MAX_PART_BYTES);
    }

    /** The parts' results in order; throws the first failure among those done (or all, if {@code wait}). */
    private static List<CompletedPart> throwFirstFailure(List<Future<CompletedPart>> futures, boolean wait)
            throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        for (Future<CompletedPart> future : futures) {
            if (!wait && !future.isDone()) {
                continue;
            }
            try {
                parts.add(future.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException("uploading a part failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while uploading parts");
            }
        }
        return parts;
    }

    private static void acquire(Semaphore slots) throws InterruptedIOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading parts");
        }
    }

    private void abort(String name, String uploadId, Throwable failure) {
        try {
            client.abortMultipartUpload(r -> r.bucket(bucket).key(name).uploadId(uploadId));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
