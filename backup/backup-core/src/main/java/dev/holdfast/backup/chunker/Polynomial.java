package dev.holdfast.backup.chunker;

import dev.holdfast.backup.IntegrityException;
import java.security.SecureRandom;
import java.util.Random;

/**
 * A polynomial over GF(2) of degree 53, stored in the bits of a {@code long}: the repository's chunker parameter.
 * Written in a repository config as lower-case hex without leading zeros.
 */
public record Polynomial(long value) {

    /** The degree of every chunker polynomial. */
    public static final int DEGREE = 53;

    public Polynomial {
        if (degree(value) != DEGREE) {
            throw new IntegrityException("chunker polynomial " + Long.toHexString(value) + " does not have degree 53");
        }
    }

    public static Polynomial parse(String hex) {
        return new Polynomial(Long.parseUnsignedLong(hex, 16));
    }

    public String hex() {
        return Long.toHexString(value);
    }

    /** A random irreducible polynomial of degree 53, as restic's {@code DerivePolynomial} makes them. */
    public static Polynomial random() {
        return random(new SecureRandom());
    }

    static Polynomial random(Random random) {
        for (int i = 0; i < 1_000_000; i++) {
            long candidate = random.nextLong() & ((1L << (DEGREE + 1)) - 1);
            candidate |= (1L << DEGREE) | 1;
            if (irreducible(candidate)) {
                return new Polynomial(candidate);
            }
        }
        throw new IllegalStateException("no irreducible polynomial found");
    }

    public boolean irreducible() {
        return irreducible(value);
    }

    /** Ben-Or's test: {@code gcd(p, x^(2^i) - x mod p) == 1} for i = 1 .. deg/2. */
    static boolean irreducible(long p) {
        for (int i = 1; i <= degree(p) / 2; i++) {
            if (gcd(p, qp(i, p)) != 1) {
                return false;
            }
        }
        return true;
    }

    private static long qp(int power, long g) {
        long result = 2; // x
        for (long i = 1; i < (1L << power); i *= 2) {
            result = mulMod(result, result, g);
        }
        return mod(result ^ 2, g);
    }

    static int degree(long x) {
        return 63 - Long.numberOfLeadingZeros(x);
    }

    static long mod(long x, long p) {
        int dp = degree(p);
        while (degree(x) >= dp) {
            x ^= p << (degree(x) - dp);
        }
        return x;
    }

    static long mulMod(long a, long b, long p) {
        long result = 0;
        a = mod(a, p);
        while (b != 0) {
            if ((b & 1) != 0) {
                result ^= a;
            }
            b >>>= 1;
            a = mod(a << 1, p);
        }
        return mod(result, p);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = mod(a, b);
            a = b;
            b = r;
        }
        return a;
    }
}
