package dev.holdfast.objectstore.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectAlreadyExistsException;
import dev.holdfast.objectstore.ObjectKeys;
import dev.holdfast.objectstore.ObjectStoreAccessException;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.TransientObjectStoreException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Turns Azure SDK exceptions into the library's: 4xx are final, 429, 5xx and I/O failures are transient. */
final class AzureErrors {

    private AzureErrors() {}

    static ObjectStoreException map(String operation, String container, String key, RuntimeException e) {
        if (e instanceof ObjectStoreException own) {
            return own;
        }
        String what = operation + " of key '" + ObjectKeys.printable(key) + "' in container '" + container + "'";
        if (e instanceof BlobStorageException blob) {
            return map(what, container, key, blob);
        }
        if (hasCause(e, IOException.class) || hasCause(e, TimeoutException.class)) {
            return new TransientObjectStoreException(what + " failed: " + e.getMessage(), e);
        }
        return new ObjectStoreException(what + " failed: " + e.getMessage(), e);
    }

    private static ObjectStoreException map(String what, String container, String key, BlobStorageException e) {
        int status = e.getStatusCode();
        BlobErrorCode code = e.getErrorCode();
        String detail = " (HTTP " + status + (code == null ? "" : ", " + code) + ")";
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
            return new ObjectStoreException(what + " failed: container '" + container + "' does not exist" + detail, e);
        }
        if (status == 404) {
            return new NoSuchObjectException(key, e);
        }
        if (status == 401 || status == 403) {
            return new ObjectStoreAccessException(what + " was refused" + detail
                    + ": check the account name, key or SAS token and its permissions", e);
        }
        if (status == 412 || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code)) {
            return new ObjectAlreadyExistsException(key, e);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new TransientObjectStoreException(what + " failed" + detail + ": " + e.getServiceMessage(), e);
        }
        return new ObjectStoreException(what + " failed" + detail + ": " + e.getServiceMessage(), e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
