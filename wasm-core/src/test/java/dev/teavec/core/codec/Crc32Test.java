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
}
