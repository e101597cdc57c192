package dev.teavec.core.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.TeaVecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataJsonTest {
    @Test
    void roundTripsAndInternsKeys() {
        KeyTable keys = new KeyTable();
        MetaRecord a = MetadataJson.read("{\"b\":1,\"a\":[\"x\",\"\"],\"c\":null,\"d\":2.5,\"e\":-3}", keys);
        MetaRecord b = MetadataJson.read("{\"a\":[],\"b\":\"s\"}", keys);
        assertEquals(4 + 1, keys.size(), "b, a, c, d, e interned once");
        assertEquals("{\"b\":1,\"a\":[\"x\",\"\"],\"c\":null,\"d\":2.5,\"e\":-3}", MetadataJson.write(a, keys));
        assertEquals("{\"a\":[],\"b\":\"s\"}", MetadataJson.write(b, keys));
        assertNull(MetadataJson.read("null", keys));
        assertEquals(0, MetadataJson.read("{}", keys).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1| 1", "-0| 0", "1.5| 1.5", "1e3| 1000", "9007199254740992| 9007199254740992",
        "9007199254740994| 9007199254740994", "1e-7| 1e-7", "123456.789| 123456.789", "0.1| 0.1", "1e21| 1e+21",
        "-1.5E-300| -1.5e-300", "0.0000015| 0.0000015",
        "\"\\u0001\\u001f\"| \"\\u0001\\u001f\"", "\"tab\\tq\\\"\"| \"tab\\tq\\\"\"", "true| true", "null| null",
    })
    void writesValuesAsJavaScriptReadsThem(String json, String written) {
        assertEquals(written, MetadataJson.writeValue(MetadataJson.readValue(json)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]| expected an object at position 0",
        "\"s\"| expected an object at position 0",
        "{\"a\":{}}| expected a string, number, boolean, null or array of strings (no nested objects) at position 5",
        "{\"a\":[\"x\",1]}| expected a string (metadata arrays hold strings only) at position 10",
        "{\"a\":[[\"x\"]]}| expected a string (metadata arrays hold strings only) at position 6",
        "{\"\":1}| expected a non-empty key at position 1",
        "{\"a\":1,}| expected a string key at position 7",
    })
    void rejectsWhatMetadataCannotHold(String json, String message) {
        KeyTable keys = new KeyTable();
        TeaVecException e = assertThrows(TeaVecException.class, () -> MetadataJson.read(json, keys));
        assertEquals("INVALID_ARGUMENT: metadata: " + message, e.getMessage());
        assertEquals(0, keys.size(), "nothing interned on error");
    }

    @Test
    void readsArraysAllOrNothing() {
        KeyTable keys = new KeyTable();
        MetaRecord[] r = MetadataJson.readArray("[{\"a\":1},null,{}]", 3, keys);
        assertEquals(1, r[0].size());
        assertNull(r[1]);
        assertEquals(0, r[2].size());
        KeyTable fresh = new KeyTable();
        assertEquals("INVALID_ARGUMENT: metadata: expected an object at position 11",
                assertThrows(TeaVecException.class, () -> MetadataJson.readArray("[{\"z\":1},  1]", 2, fresh)).getMessage());
        assertEquals(0, fresh.size(), "the valid first record interned nothing");
        assertEquals("INVALID_ARGUMENT: metadata: expected 2 elements, got 1 at position 0",
                assertThrows(TeaVecException.class, () -> MetadataJson.readArray("[null]", 2, fresh)).getMessage());
        String big = "[" + "null,".repeat(2999) + "null]";
        assertEquals(3000, MetadataJson.readArray(big, 3000, fresh).length, "the top-level array may exceed 1024");
        assertEquals("INVALID_ARGUMENT: metadata: expected at most 1024 array elements at position 0",
                assertThrows(TeaVecException.class,
                        () -> MetadataJson.readValue("[" + "\"a\",".repeat(1024) + "\"a\"]")).getMessage()
                        .replaceAll("position \\d+", "position 0"));
    }
}
