package dev.teavec.core.fulltext;

import dev.teavec.core.index.IdFilter;
import java.util.function.IntFunction;

/**
 * Chroma's {@code whereDocument} as a predicate over a record's document text: {@code $contains} and
 * {@code $not_contains} are case-sensitive substring tests (as in Chroma), {@code $and}/{@code $or}
 * combine, and a caller may plug in other tests ({@code $regex} is JavaScript's RegExp, supplied by
 * the JavaScript side through {@link DocumentFilterParser.Patterns}). A record without a document
 * contains nothing: it fails {@code $contains} and {@code $regex} and passes their negations.
 */
public abstract class DocumentFilter {
    /** Whether a record whose document is {@code document} (null: none) passes. */
    public abstract boolean matches(String document);

    /** The filter as an id predicate over documents looked up by id. */
    public final IdFilter byId(IntFunction<String> documentOf) {
        return id -> matches(documentOf.apply(id));
    }

    public static final DocumentFilter ALL = new DocumentFilter() {
        @Override
        public boolean matches(String document) {
            return true;
        }
    };

    public static DocumentFilter contains(String text) {
        return new DocumentFilter() {
            @Override
            public boolean matches(String document) {
                return document != null && document.contains(text);
            }
        };
    }

    public static DocumentFilter not(DocumentFilter inner) {
        return new DocumentFilter() {
            @Override
            public boolean matches(String document) {
                return !inner.matches(document);
            }
        };
    }

    public static DocumentFilter and(DocumentFilter[] parts) {
        DocumentFilter[] all = parts.clone();
        return new DocumentFilter() {
            @Override
            public boolean matches(String document) {
                for (DocumentFilter part : all) {
                    if (!part.matches(document)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    public static DocumentFilter or(DocumentFilter[] parts) {
        DocumentFilter[] any = parts.clone();
        return new DocumentFilter() {
            @Override
            public boolean matches(String document) {
                for (DocumentFilter part : any) {
                    if (part.matches(document)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
