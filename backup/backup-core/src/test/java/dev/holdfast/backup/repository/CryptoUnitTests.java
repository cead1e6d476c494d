package dev.holdfast.backup.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.repository.internal.crypto.Crypto;
import dev.holdfast.backup.repository.internal.crypto.KeyFile;
import dev.holdfast.backup.repository.internal.crypto.MasterKey;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CryptoUnitTests {

    @Test
    void encryptsWith32BytesOverheadAndDecryptsBack() {
        Crypto crypto = new Crypto(MasterKey.random());
        byte[] plain = new byte[100_000];
        new Random(1).nextBytes(plain);

        byte[] sealed = crypto.encrypt(plain);

        assertThat(sealed).hasSize(plain.length + 32);
        assertThat(crypto.decrypt(sealed)).isEqualTo(plain);
    }

    @Test
    void sealsInPlaceWhatDecryptsAsIvCiphertextAndMac() {
        Crypto crypto = new Crypto(MasterKey.random());
        byte[] plain = new byte[100_003]; // not a multiple of the AES block or of the 4 KiB slices
        new Random(2).nextBytes(plain);
        byte[] buffer = new byte[plain.length + 10];
        System.arraycopy(plain, 0, buffer, 7, plain.length);
        byte[] iv = new byte[16];
        byte[] mac = new byte[16];

        crypto.encryptInPlace(buffer, 7, plain.length, iv, mac);
        byte[] sealed = new byte[plain.length + 32];
        System.arraycopy(iv, 0, sealed, 0, 16);
        System.arraycopy(buffer, 7, sealed, 16, plain.length);
        System.arraycopy(mac, 0, sealed, 16 + plain.length, 16);

        assertThat(java.util.Arrays.copyOfRange(buffer, 7, 7 + plain.length)).isNotEqualTo(plain);
        assertThat(crypto.decrypt(sealed)).isEqualTo(plain);
    }

    @Test
    void sealsAFileInPlaceBetweenRoomForTheIvAndTheMac() {
        Crypto crypto = new Crypto(MasterKey.random());
        byte[] plain = new byte[70_001];
        new Random(3).nextBytes(plain);
        byte[] sealed = new byte[plain.length + Crypto.OVERHEAD];
        System.arraycopy(plain, 0, sealed, Crypto.PLAINTEXT_OFFSET, plain.length);

        crypto.sealInPlace(sealed);

        assertThat(crypto.decrypt(sealed)).isEqualTo(plain);
    }

    @Test
    void decryptsInPlaceWhereTheBlobLiesAmongOthers() {
        Crypto crypto = new Crypto(MasterKey.random());
        byte[] plain = new byte[90_005]; // not a multiple of the AES block or of the 4 KiB slices
        new Random(4).nextBytes(plain);
        byte[] sealed = crypto.encrypt(plain);
        byte[] range = new byte[sealed.length + 300]; // as read from a pack: other blobs' bytes on both sides
        new Random(5).nextBytes(range);
        System.arraycopy(sealed, 0, range, 100, sealed.length);
        byte[] before = range.clone();

        int length = crypto.decryptInPlace(range, 100, sealed.length);

        assertThat(length).isEqualTo(plain.length);
        assertThat(java.util.Arrays.copyOfRange(range, 100 + Crypto.PLAINTEXT_OFFSET,
                100 + Crypto.PLAINTEXT_OFFSET + length)).isEqualTo(plain);
        assertThat(java.util.Arrays.copyOfRange(range, 0, 100)).isEqualTo(java.util.Arrays.copyOfRange(before, 0, 100));
        assertThat(java.util.Arrays.copyOfRange(range, 100 + sealed.length, range.length))
                .isEqualTo(java.util.Arrays.copyOfRange(before, 100 + sealed.length, range.length));
    }

    @Test
    void decryptsNothingInPlaceWhenTheMacDoesNotMatch() {
        Crypto crypto = new Crypto(MasterKey.random());
        byte[] sealed = crypto.encrypt(new byte[5_000]);
        sealed[2_000] ^= 1;
        byte[] tampered = sealed.clone();

        assertThatThrownBy(() -> crypto.decryptInPlace(sealed, 0, sealed.length))
                .isInstanceOf(IntegrityException.class);
        assertThat(sealed).isEqualTo(tampered);
    }

    @Test
    void rejectsAFlippedBit() {
        Crypto crypto = new Crypto(MasterKey.random());
        byte[] sealed = crypto.encrypt(new byte[64]);
        sealed[40] ^= 1;

        assertThatThrownBy(() -> crypto.decrypt(sealed)).isInstanceOf(IntegrityException.class);
    }

    @Test
    void opensAKeyFileOnlyWithItsPassword() {
        MasterKey master = MasterKey.random();
        KeyFile key = KeyFile.create("secret", master, new KdfParams(1024, 8, 1), "me", "host", OffsetDateTime.now());
        KeyFile reread = KeyFile.fromJson(key.toJson());

        assertThat(reread.open("secret")).hasValueSatisfying(opened -> {
            assertThat(opened.encrypt()).isEqualTo(master.encrypt());
            assertThat(opened.macR()).isEqualTo(master.macR());
        });
        assertThat(reread.open("wrong")).isEmpty();
    }
}
