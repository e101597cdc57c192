package dev.teavec.core.index;

/**
 * A renumbering step of an index ({@link LocalityReorder}). The engine calls it through this interface: where no
 * class implementing it is made (the core engine's build), TeaVM keeps none of the code behind it; a call on the
 * final class itself kept it all (+1.3 KB gzip).
 */
interface IndexReorder {
    void apply(ManagedIndex index);
}
