package dev.teavec.bindings.idb;

import dev.teavec.core.codec.Crc32;
import static org.junit.Assert.assertEquals;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/** The snapshot checksum against java.util.zip.CRC32, on the JVM and compiled to Wasm GC. */
@RunWith(TeaVMTestRunner.class)
public class Crc32Test {
    private static final long SEED = 20261121L;

    private static int reference(byte[] data, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    @Test
    public void knownValues() {
        assertEquals(0, Crc32.update(0, new byte[0], 0, 0));
        byte[] check = "123456789".getBytes();
        assertEquals(0xCBF43926, Crc32.update(0, check, 0, check.length));
    }

    @Test
    public void matchesJavaUtilZipAtEveryLengthAndOffset() {
        byte[] data = new byte[300];
        new Random(SEED).nextBytes(data);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; off + len <= data.length; len += 1 + len / 8) {
                assertEquals("off " + off + " len " + len, reference(data, off, len), Crc32.update(0, data, off, len));
            }
        }
    }

    @Test
    public void updatesIncrementally() {
        byte[] data = new byte[1000];
        new Random(SEED + 1).nextBytes(data);
        int crc = Crc32.update(0, data, 0, 333);
        crc = Crc32.update(crc, data, 333, 667);
        assertEquals(reference(data, 0, 1000), crc);
    }

    @Test
    public void wordsAreReadAsLittleEndianBytes() {
        byte[] data = new byte[64];
        new Random(SEED + 3).nextBytes(data);
        int[] words = new int[16];
        for (int i = 0; i < words.length; i++) {
            words[i] = (data[4 * i] & 0xFF) | (data[4 * i + 1] & 0xFF) << 8 | (data[4 * i + 2] & 0xFF) << 16
                    | data[4 * i + 3] << 24;
        }
        for (int count = 0; count <= 15; count++) {
            assertEquals("words " + count, reference(data, 4, 4 * count), Crc32.updateWords(0, words, 1, count));
        }
        int crc = Crc32.updateWords(0, words, 0, 5);
        assertEquals(reference(data, 0, 21), Crc32.update(crc, data, 20, 1));
    }

    @Test
    public void combineEqualsTheCrcOfTheConcatenation() {
        Random random = new Random(SEED + 2);
        byte[] data = new byte[5000];
        random.nextBytes(data);
        for (int trial = 0; trial < 40; trial++) {
            int split = random.nextInt(data.length + 1);
            int a = Crc32.update(0, data, 0, split);
            int b = Crc32.update(0, data, split, data.length - split);
            assertEquals("split " + split, reference(data, 0, data.length), Crc32.combine(a, b, data.length - split));
        }
        assertEquals(12345, Crc32.combine(12345, 0, 0));
    }
}
