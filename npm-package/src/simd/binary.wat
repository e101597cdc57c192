  ;; ---- binary codes (BinaryScorer via js-bindings simd/BinaryKernels): popcounts over codes zero-padded to
  ;; 16-byte blocks. Exact integers, equal to wasm-core store/HeapBinaryKernel.

  ;; Σ_j 2^j popcount(code ∧ plane_j), the four planes interleaved by block (plane j of block b at p + 64 b + 16 j).
  ;; Per byte, Horner over the planes gives at most 8 · 15 = 120, so the byte lanes never wrap; each block is
  ;; widened to i32 lanes before accumulating, so any length (65,536 bits) is exact.
  (func $binaryPlanes (export "binaryPlanes") (param $p i32) (param $c i32) (param $blocks i32) (result i32)
    (local $acc v128) (local $x v128) (local $s v128) (local $end i32)
    (local.set $end (i32.add (local.get $c) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $x (v128.load align=1 (local.get $c)))
        (local.set $s (i8x16.popcnt (v128.and (local.get $x) (v128.load offset=48 align=1 (local.get $p)))))
        (local.set $s (i8x16.add (i8x16.add (local.get $s) (local.get $s))
          (i8x16.popcnt (v128.and (local.get $x) (v128.load offset=32 align=1 (local.get $p))))))
        (local.set $s (i8x16.add (i8x16.add (local.get $s) (local.get $s))
          (i8x16.popcnt (v128.and (local.get $x) (v128.load offset=16 align=1 (local.get $p))))))
        (local.set $s (i8x16.add (i8x16.add (local.get $s) (local.get $s))
          (i8x16.popcnt (v128.and (local.get $x) (v128.load align=1 (local.get $p))))))
        (local.set $acc (i32x4.add (local.get $acc)
          (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $s)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $next)))
    (call $sumI32 (local.get $acc)))

  ;; out[i] = binaryPlanes(p, addrs[i]) for i below count (a neighbour list in one call).
  (func (export "binaryPlanesBatch") (param $p i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (i32.store (local.get $out) (call $binaryPlanes (local.get $p) (i32.load (local.get $addrs)) (local.get $blocks)))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $next))))

  ;; popcount(a xor b): the Hamming distance between two codes (graph construction scores stored pairs).
  (func $binaryHamming (export "binaryHamming") (param $a i32) (param $b i32) (param $blocks i32) (result i32)
    (local $acc v128) (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc (i32x4.add (local.get $acc) (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u
          (i8x16.popcnt (v128.xor (v128.load align=1 (local.get $a)) (v128.load align=1 (local.get $b))))))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $next)))
    (call $sumI32 (local.get $acc)))

  ;; out[i] = binaryHamming(q, addrs[i]) for i below count.
  (func (export "binaryHammingBatch") (param $q i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (i32.store (local.get $out) (call $binaryHamming (local.get $q) (i32.load (local.get $addrs)) (local.get $blocks)))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $next))))
