package dev.holdfast.backup.repository.internal.crypto;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK's own Poly1305 ({@code com.sun.crypto.provider.Poly1305}, used by its ChaCha20-Poly1305), which HotSpot
 * replaces by an AVX-512 stub where the CPU has one: about 9 GB/s there against BouncyCastle's 0.9 GB/s. Without the
 * stub (an AVX2-only CPU: {@code UsePoly1305Intrinsics} is false) its Java code is slower than BouncyCastle's (0.59
 * against 0.82 GB/s on an AVX2 EPYC), so {@link Crypto} uses it only when {@link #PREFERRED}. It is not public API,
 * so it is used only when the JVM opens {@code java.base/com.sun.crypto.provider} to this code (the CLI jar's
 * manifest does, {@code Add-Opens}); otherwise {@link #AVAILABLE} is false. A self-test against RFC 8439's test
 * vector guards against a changed implementation.
 */
final class JdkPoly1305 {

    /** Whether the JDK's Poly1305 can be used. */
    static final boolean AVAILABLE;
    /**
     * Whether it is also faster than BouncyCastle's: HotSpot says it compiles Poly1305 to its stub. The flag is a
     * diagnostic one, readable only with {@code -XX:+UnlockDiagnosticVMOptions} (the CLI's launcher passes it);
     * when it cannot be read, BouncyCastle is used.
     */
    static final boolean PREFERRED;
    /** Bytes per update call: small enough that the method the intrinsic replaces is compiled early in a run. */
    private static final int SLICE = 4 * 1024;
    private static final MethodHandle CREATE;
    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle FINISH;

    static {
        MethodHandle create = null;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle finish = null;
        boolean available = false;
        try {
            Class<?> type = Class.forName("com.sun.crypto.provider.Poly1305");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            create = lookup.findConstructor(type, MethodType.methodType(void.class)).asType(
                    MethodType.methodType(Object.class));
            init = lookup.findVirtual(type, "engineInit",
                    MethodType.methodType(void.class, Key.class, AlgorithmParameterSpec.class))
                    .asType(MethodType.methodType(void.class, Object.class, Key.class, AlgorithmParameterSpec.class));
            update = lookup.findVirtual(type, "engineUpdate",
                    MethodType.methodType(void.class, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
            finish = lookup.findVirtual(type, "engineDoFinal", MethodType.methodType(byte[].class))
                    .asType(MethodType.methodType(byte[].class, Object.class));
            available = true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            available = false; // not opened to us (tests, library use without --add-opens): BouncyCastle instead
        }
        CREATE = create;
        INIT = init;
        UPDATE = update;
        FINISH = finish;
        AVAILABLE = available && selfTest();
        PREFERRED = AVAILABLE && intrinsicEnabled();
    }

    private static boolean intrinsicEnabled() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("UsePoly1305Intrinsics").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // a locked diagnostic flag, another JVM, or no jdk.management module
        }
    }

    private JdkPoly1305() {}

    static Object create() {
        try {
            return CREATE.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the JDK's Poly1305", e);
        }
    }

    /** One-time key {@code r ‖ s} (r clamped by the MAC), tag of {@code data[offset .. offset+length)}. */
    static void mac(Object poly, byte[] key, byte[] data, int offset, int length, byte[] out, int outOffset) {
        try {
            INIT.invokeExact(poly, (Key) new SecretKeySpec(key, "Poly1305"), (AlgorithmParameterSpec) null);
            for (int done = 0; done < length; done += SLICE) {
                UPDATE.invokeExact(poly, data, offset + done, Math.min(SLICE, length - done));
            }
            byte[] tag = (byte[]) FINISH.invokeExact(poly);
            System.arraycopy(tag, 0, out, outOffset, 16);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's Poly1305 failed", e);
        }
    }

    /** RFC 8439 section 2.5.2. */
    private static boolean selfTest() {
        try {
            java.util.HexFormat hex = java.util.HexFormat.of();
            byte[] key = hex.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
            byte[] message = "Cryptographic Forum Research Group".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] tag = new byte[16];
            mac(create(), key, message, 0, message.length, tag, 0);
            return hex.formatHex(tag).equals("a8061dc1305136c6c22b8baf0c0127a9");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
