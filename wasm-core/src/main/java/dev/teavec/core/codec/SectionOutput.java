package dev.teavec.core.codec;

/**
 * One section payload being written, little-endian, as an index type or a vector encoding sees it. The
 * writer declared the payload's exact size first; writing more or less fails the snapshot.
 */
public interface SectionOutput {
    void u8(int v);

    void u16(int v);

    void i32(int v);

    void i64(long v);

    void f32(float v);

    void f64(double v);

    void bytes(byte[] src, int off, int len);

    void floats(float[] src, int off, int len);
}
