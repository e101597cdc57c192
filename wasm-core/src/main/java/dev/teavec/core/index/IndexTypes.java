package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * A registry of index types by name. Immutable: {@link #BUILT_IN} holds {@code flat}, {@code hnsw} and
 * {@code auto}, and {@link #with} makes a registry that adds a type, so that whoever makes indexes owns
 * the registry it makes them with (a module instance adds the types its JavaScript registered).
 */
public final class IndexTypes {
    public static final String FLAT = "flat";
    public static final String HNSW = "hnsw";
    public static final String AUTO = "auto";
    public static final IndexTypes BUILT_IN = new IndexTypes(new IndexType[] {
        AutoType.INSTANCE, FlatType.INSTANCE, HnswType.INSTANCE});
    private static final int MAX_NAME = 64;

    private final IndexType[] types;

    private IndexTypes(IndexType[] types) {
        this.types = types;
    }

    /**
     * Whether {@code name} can name an index type: 1..64 characters of a-z, 0-9, '.', '_' and '-',
     * starting with a letter or digit (names go into configs, snapshots and error messages).
     */
    public static boolean isName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** INVALID_ARGUMENT unless {@link #isName}. */
    public static String checkName(String name) {
        if (!isName(name)) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "an index type name takes 1.." + MAX_NAME
                    + " characters a-z, 0-9, '.', '_', '-' and starts with a letter or digit, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** This registry plus {@code type}; INVALID_ARGUMENT when its name is taken. */
    public IndexTypes with(IndexType type) {
        checkName(type.name());
        if (find(type.name()) != null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "index type '" + type.name() + "' is already registered");
        }
        IndexType[] more = new IndexType[types.length + 1];
        System.arraycopy(types, 0, more, 0, types.length);
        more[types.length] = type;
        return new IndexTypes(more);
    }

    /** The type called {@code name}, or null. */
    public IndexType find(String name) {
        for (IndexType t : types) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type called {@code name}; UNKNOWN_INDEX_TYPE, naming the registered ones, when there is none. */
    public IndexType get(String name) {
        IndexType t = find(name);
        if (t == null) {
            throw new TeaVecException(ErrorCode.UNKNOWN_INDEX_TYPE, "index type '" + name + "' is not registered"
                    + " (registered: " + names() + "); register it before creating or loading an index of that type");
        }
        return t;
    }

    /** The registered names, comma-separated, in registration order. */
    public String names() {
        StringBuilder sb = new StringBuilder();
        for (IndexType t : types) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name());
        }
        return sb.toString();
    }

    /** A new empty index of the type {@code config} names, vectors on the Java heap. */
    public VectorIndex create(IndexConfig config) {
        return create(config, VectorStorageFactory.HEAP);
    }

    /** A new empty index of the type {@code config} names, keeping its vectors where {@code storage} says. */
    public VectorIndex create(IndexConfig config, VectorStorageFactory storage) {
        return get(config.indexType()).create(config, storage);
    }
}
