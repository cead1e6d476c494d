/** Small cryptography every module may reuse: {@link dev.holdfast.platform.shared.crypto.SecretBox} for secrets at rest. */
@NamedInterface("crypto")
@NullMarked
package dev.holdfast.platform.shared.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
