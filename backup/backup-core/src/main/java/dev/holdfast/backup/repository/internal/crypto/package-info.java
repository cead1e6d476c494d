/** restic's crypto: AES-256-CTR with Poly1305-AES, master keys and scrypt-protected key files. */
@NullMarked
package dev.holdfast.backup.repository.internal.crypto;

import org.jspecify.annotations.NullMarked;
