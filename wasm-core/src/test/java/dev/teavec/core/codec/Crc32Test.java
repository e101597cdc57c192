package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Our CRC-32 agrees with the JDK's (zlib's) on the standard check value and on random data. */
class Crc32Test {
    @Test
    void checkValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        Crc32 c = new Crc32();
        c.update(b, 0, b.length);
        assertEquals(0xCBF43926, c.value());
    }

    @Test
    void agreesWithTheJdk() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            byte[] b = new byte[random.nextInt(3000)];
            random.nextBytes(b);
            Crc32 ours = new Crc32();
            int split = b.length / 3;
            ours.update(b, 0, split);
            ours.update(b, split, b.length - split);
            CRC32 jdk = new CRC32();
            jdk.update(b);
            assertEquals((int) jdk.getValue(), ours.value(), "length " + b.length);
        }
    }

    @Test
    void agreesWithTheJdkAtOddOffsetsAndLengthsInPieces() {
        long seed = 20261121L;
        Random random = new Random(seed);
        for (int n = 0; n < 500; n++) {
            byte[] b = new byte[1 + random.nextInt(5000)];
            random.nextBytes(b);
            int off = random.nextInt(b.length);
            int len = random.nextInt(b.length - off + 1);
            Crc32 ours = new Crc32();
            for (int at = off, left = len; left > 0; ) {
                int piece = Math.min(left, random.nextInt(40));
                ours.update(b, at, piece);
                at += piece;
                left -= piece;
            }
            CRC32 jdk = new CRC32();
            jdk.update(b, off, len);
            assertEquals((int) jdk.getValue(), ours.value(), "seed " + seed + ", case " + n + ": offset " + off + " length " + len);
        }
    }

    @Test
    void agreesWithTheJdkAcrossSnapshotChunks() {
        byte[] all = new byte[SnapshotBytes.CHUNK_SIZE + 1001];
        new Random(3).nextBytes(all);
        SnapshotBytes bytes = SnapshotBytes.of(all);
        assertEquals(2, bytes.chunkCount());
        for (int from : new int[] {0, SnapshotBytes.CHUNK_SIZE - 13, SnapshotBytes.CHUNK_SIZE - 3}) {
            int len = all.length - from - 5;
            Crc32 ours = new Crc32();
            ours.update(bytes, from, len);
            CRC32 jdk = new CRC32();
            jdk.update(all, from, len);
            assertEquals((int) jdk.getValue(), ours.value(), "from " + from);
        }
    }
}
