package dev.teavec.bindings.types;

import dev.teavec.core.index.IndexTypes;
import org.teavm.jso.JSObject;

/**
 * The index types JavaScript registered ({@code registerIndexType}, npm-package/src/index-types.js), as
 * the engine reads them at each create and load: their names, and each one's entry. The registry an
 * index is made with is built from it ({@link #registry}); nothing is kept between calls.
 */
public interface JsIndexTypeTable extends JSObject {
    /** The registered names, comma-separated, in registration order ("" for none). */
    String names();

    /** The entry of a registered name. */
    JsIndexTypeEntry find(String name);

    /** The built-in index types plus every type {@code table} holds. */
    static IndexTypes registry(JsIndexTypeTable table) {
        IndexTypes types = IndexTypes.BUILT_IN;
        String names = table.names();
        int from = 0;
        while (from < names.length()) {
            int comma = names.indexOf(',', from);
            int end = comma < 0 ? names.length() : comma;
            String name = names.substring(from, end);
            types = types.with(new JsIndexType(name, table.find(name)));
            from = end + 1;
        }
        return types;
    }
}
