package dev.holdfast.objectstore.internal;

import java.util.Comparator;

/** Key order by Unicode code point, which is the order of the keys' UTF-8 bytes, the order S3 lists in. */
public final class KeyOrder {

    public static final Comparator<String> CODE_POINTS = KeyOrder::compare;

    private KeyOrder() {}

    private static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
