package dev.teavec.core.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The JVM holds every encoding (the core Wasm build leaves the extended ones out at compile time). */
class ExtendedEncodingsTest {
    @Test
    void everyNamedEncodingIsHeldOnTheJvmUnderItsName() {
        for (String name : ExtendedEncodings.names()) {
            VectorEncoding e = VectorEncodings.BUILT_IN.find(name);
            assertNotNull(e, name + " is registered");
            assertEquals(name, e.name());
        }
        assertEquals(ExtendedEncodings.names().length, ExtendedEncodings.list().length);
    }

    @Test
    void theChoicesAreNoneSq8ThenTheExtendedOnes() {
        assertArrayEquals(new String[] {"none", "sq8", "float16", "sq4", "binary", "pq"},
                VectorEncodings.quantizationChoices());
    }
}
