package dev.teavec.bindings.types;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexContext;
import dev.teavec.core.index.IndexStructure;
import dev.teavec.core.index.StructureType;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * An index type registered from JavaScript: its structure is the object the user's factory returns
 * ({@link JsIndexStructure}); its snapshot state is the bytes that object's {@code toBytes()} returns,
 * handed back to the factory on load with the format version they were written in.
 */
final class JsIndexType extends StructureType {
    private final JsIndexTypeEntry entry;

    JsIndexType(String name, JsIndexTypeEntry entry) {
        super(name, entry.version());
        this.entry = entry;
    }

    @Override
    protected IndexStructure newStructure(IndexContext context) {
        return new JsIndexStructure(context, entry.create(context.dimensions(), context.metric().jsName(),
                context.config().seed(), null, 0));
    }

    @Override
    protected IndexStructure readStructure(IndexContext context, int version, SectionInput state) {
        int length = state.remaining();
        state.charge(2L * length, "the state of index type '" + name() + "'");
        byte[] bytes = new byte[length];
        state.readBytes(bytes, 0, length, "index state");
        state.expectEnd();
        return new JsIndexStructure(context, entry.create(context.dimensions(), context.metric().jsName(),
                context.config().seed(), Int8Array.copyFromJavaArray(bytes), version));
    }
}
