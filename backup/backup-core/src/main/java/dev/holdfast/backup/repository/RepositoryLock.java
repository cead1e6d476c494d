package dev.holdfast.backup.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.GoJsonWriter;
import dev.holdfast.backup.GoTime;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.RepositoryLockedException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A lock file in {@code locks/}, compatible with restic: exclusive locks conflict with every lock, shared ones only
 * with exclusive ones; as in restic 0.14, stale locks still block until removed by {@code unlock}. Refreshed every
 * 5 minutes while held. Close to release.
 */
public final class RepositoryLock implements AutoCloseable {

    static final Duration REFRESH = Duration.ofMinutes(5);
    /** A lock older than this is stale. */
    public static final Duration STALE = Duration.ofMinutes(30);
    private static final Duration CHECK_DELAY = Duration.ofMillis(200);

    private final Repository repository;
    private final boolean exclusive;
    private volatile @Nullable Id id;
    private final @Nullable Thread refresher;
    /** The second conflict check, {@link #CHECK_DELAY} after the lock file was written; done when it passed. */
    private final CompletableFuture<Void> checked;
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** The locks this process has written and not yet released, for {@link #removeAllHeld}. */
    private static final Set<RepositoryLock> HELD = ConcurrentHashMap.newKeySet();

    /** What a lock file says. */
    public record LockInfo(Id id, OffsetDateTime time, boolean exclusive, String hostname, String username, long pid) {

        public boolean stale(OffsetDateTime now) {
            return time.plus(STALE).isBefore(now) || hostname.equals(Host.hostname())
                    && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
    }

    /** No lock: nothing written, nothing to check, refresh or remove ({@code --no-lock}). */
    private RepositoryLock(Repository repository, boolean exclusive) {
        this.repository = repository;
        this.exclusive = exclusive;
        this.id = null;
        this.checked = CompletableFuture.completedFuture(null);
        this.refresher = null;
        this.open.set(false);
    }

    static RepositoryLock none(Repository repository, boolean exclusive) {
        return new RepositoryLock(repository, exclusive);
    }

    private RepositoryLock(Repository repository, boolean exclusive, Id id) {
        this.repository = repository;
        this.exclusive = exclusive;
        this.id = id;
        this.checked = new CompletableFuture<>();
        Thread.ofVirtual().name("lock-check").start(() -> {
            try {
                Thread.sleep(CHECK_DELAY);
                checkConflicts(repository, exclusive, id);
                checked.complete(null);
            } catch (InterruptedException e) {
                checked.completeExceptionally(new BackupException("interrupted while taking a lock", e));
            } catch (RuntimeException e) {
                checked.completeExceptionally(e);
            }
        });
        this.refresher = Thread.ofVirtual().name("lock-refresh").start(this::refreshLoop);
        HELD.add(this);
    }

    /**
     * Removes the file of every lock this process still holds, at once and without waiting for anything, for a
     * process that must end now: one whose heap ran out in a worker thread halts without unwinding the command that
     * holds its lock, and left the lock behind for the next command to trip over (restic removes its locks on a fatal
     * exit). Best effort: a removal that fails, for whatever reason, is skipped.
     */
    public static void removeAllHeld() {
        for (RepositoryLock lock : HELD) {
            Id held = lock.id;
            if (held != null && lock.open.compareAndSet(true, false)) {
                try {
                    lock.repository.backend().remove(new Handle(FileType.LOCK, held.hex()));
                } catch (RuntimeException | Error e) { // possibly out of memory again: nothing more to do
                }
            }
        }
    }

    /** Takes a lock and waits for its second conflict check, as restic does. */
    static RepositoryLock acquire(Repository repository, boolean exclusive) {
        RepositoryLock lock = begin(repository, exclusive);
        lock.confirm();
        return lock;
    }

    /**
     * Writes a lock file once no conflicting lock is seen, and checks again {@link #CHECK_DELAY} later in the
     * background (a lock written meanwhile by another process, or one its listing did not show yet, is found then):
     * the caller may read meanwhile, but calls {@link #confirm} before any result it commits.
     */
    static RepositoryLock begin(Repository repository, boolean exclusive) {
        checkConflicts(repository, exclusive, null);
        return new RepositoryLock(repository, exclusive, write(repository, exclusive));
    }

    /**
     * Waits for the second conflict check; when it found a conflicting lock, releases this one and throws.
     * @throws RepositoryLockedException when another process holds a conflicting lock
     */
    public void confirm() {
        try {
            checked.join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new BackupException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private static void checkConflicts(Repository repository, boolean exclusive, Id own) {
        for (LockInfo other : list(repository)) {
            if (!other.id().equals(own) && (exclusive || other.exclusive())) {
                throw new RepositoryLockedException("repository is already locked " + (other.exclusive()
                        ? "exclusively " : "") + "by PID " + other.pid() + " on " + other.hostname() + " by "
                        + other.username() + " since " + other.time() + " (lock " + other.id().shortHex() + ")");
            }
        }
    }

    /** All readable lock files; ones that cannot be decrypted are ignored, as restic does. */
    public static List<LockInfo> list(Repository repository) {
        List<LockInfo> result = new ArrayList<>();
        for (FileInfo info : repository.backend().list(FileType.LOCK)) {
            Id id = Id.parse(info.name());
            try {
                JsonNode json = Json.read(repository.loadUnpacked(FileType.LOCK, id));
                result.add(new LockInfo(id, GoTime.parse(Json.requiredText(json, "time")),
                        json.path("exclusive").asBoolean(), String.valueOf(Json.text(json, "hostname")),
                        String.valueOf(Json.text(json, "username")), Json.number(json, "pid")));
            } catch (BackupException unreadable) {
                // removed meanwhile, or written with another key: not ours to judge
            }
        }
        return result;
    }

    /** Removes stale locks (or all locks when {@code all}); returns how many were removed. */
    public static int unlock(Repository repository, boolean all) {
        int removed = 0;
        OffsetDateTime now = OffsetDateTime.now();
        for (LockInfo lock : list(repository)) {
            if (all || lock.stale(now)) {
                repository.backend().remove(new Handle(FileType.LOCK, lock.id().hex()));
                removed++;
            }
        }
        return removed;
    }

    private static Id write(Repository repository, boolean exclusive) {
        GoJsonWriter json = new GoJsonWriter().beginObject().field("time", GoTime.format(OffsetDateTime.now()))
                .name("exclusive").value(exclusive).field("hostname", Host.hostname())
                .field("username", Host.username()).field("pid", Host.pid());
        if (Host.uid() != 0) {
            json.field("uid", Host.uid());
        }
        if (Host.gid() != 0) {
            json.field("gid", Host.gid());
        }
        return repository.saveUnpacked(FileType.LOCK, json.endObject().toBytes());
    }

    private void refreshLoop() {
        try {
            while (true) {
                Thread.sleep(REFRESH);
                Id old = id;
                id = write(repository, exclusive);
                if (old != null) {
                    repository.backend().remove(new Handle(FileType.LOCK, old.hex()));
                }
            }
        } catch (InterruptedException stopped) {
            // released
        }
    }

    public boolean exclusive() {
        return exclusive;
    }

    /** Releases the lock: its file is removed (after a second check still running has ended). */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        HELD.remove(this);
        checked.exceptionally(failed -> null).join();
        Thread thread = refresher;
        if (thread == null) {
            return; // no lock was taken
        }
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Id held = id;
        if (held != null) {
            repository.backend().remove(new Handle(FileType.LOCK, held.hex()));
        }
    }
}
