  ;; SQ4 (Sq4Quantizer's layout: dimension 2j in the low nibble of byte j, 2j+1 in the high one). Integer dot
  ;; products of i16 query weights with the 4-bit codes, exact like dotU8, so they equal the Java reference
  ;; (store/HeapNibbleKernel) to the bit. Codes are rows of `blocks` × 16 bytes (32 dimensions a block, zero
  ;; padded); the weights are de-interleaved per block to match the unpacking: 16 i16 for the low nibbles of the
  ;; block's 16 bytes, then 16 for the high nibbles (64 bytes a block; simd/LinearNibbleKernel writes them).
  (func $dotU4 (export "dotU4") (param $w i32) (param $c i32) (param $blocks i32) (result i32)
    (local $a0 v128) (local $a1 v128) (local $x v128) (local $lo v128) (local $hi v128) (local $mask v128)
    (local $end i32)
    (local.set $mask (i8x16.splat (i32.const 15)))
    (local.set $end (i32.add (local.get $c) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $x (v128.load align=1 (local.get $c)))
        (local.set $lo (v128.and (local.get $x) (local.get $mask)))
        (local.set $hi (i8x16.shr_u (local.get $x) (i32.const 4)))
        (local.set $a0 (i32x4.add (local.get $a0)
          (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $lo)) (v128.load offset=0 align=2 (local.get $w)))))
        (local.set $a1 (i32x4.add (local.get $a1)
          (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $lo)) (v128.load offset=16 align=2 (local.get $w)))))
        (local.set $a0 (i32x4.add (local.get $a0)
          (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $hi)) (v128.load offset=32 align=2 (local.get $w)))))
        (local.set $a1 (i32x4.add (local.get $a1)
          (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $hi)) (v128.load offset=48 align=2 (local.get $w)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 64)))
        (br $next)))
    (call $sumI32 (i32x4.add (local.get $a0) (local.get $a1))))

  ;; out[i] = dotU4(w, addrs[i]) for i below count: two rows per pass, sharing the weight loads. Every row's 64-byte
  ;; lines are touched first, as dotU8Batch does (kernels.wat $touchRows): the misses of the whole batch overlap. At
  ;; 100k × 768 (384-byte rows) this made SQ4 + rerank search ~15-20% faster (bench/README.md).
  (func (export "dotU4Batch") (param $w i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (i32.store (local.get $out) (call $touchRows (local.get $addrs) (local.get $count) (i32.shl (local.get $blocks) (i32.const 4))))
    (local.set $end (i32.add (local.get $addrs) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (call $pairU4 (local.get $w) (i32.load (local.get $addrs)) (i32.load offset=4 (local.get $addrs))
          (local.get $blocks) (local.get $out))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then (i32.store (local.get $out) (call $dotU4 (local.get $w) (i32.load (local.get $addrs)) (local.get $blocks))))))

  ;; dotU4 of the weights against the codes at v and at u, to out[0] and out[1].
  (func $pairU4 (param $w i32) (param $v i32) (param $u i32) (param $blocks i32) (param $out i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128) (local $mask v128)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $x v128) (local $y v128) (local $xl v128) (local $xh v128) (local $yl v128) (local $yh v128) (local $end i32)
    (local.set $mask (i8x16.splat (i32.const 15)))
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
        (local.set $w0 (v128.load offset=0 align=2 (local.get $w)))
        (local.set $w1 (v128.load offset=16 align=2 (local.get $w)))
        (local.set $w2 (v128.load offset=32 align=2 (local.get $w)))
        (local.set $w3 (v128.load offset=48 align=2 (local.get $w)))
        (local.set $x (v128.load align=1 (local.get $v)))
        (local.set $y (v128.load align=1 (local.get $u)))
        (local.set $xl (v128.and (local.get $x) (local.get $mask)))
        (local.set $xh (i8x16.shr_u (local.get $x) (i32.const 4)))
        (local.set $yl (v128.and (local.get $y) (local.get $mask)))
        (local.set $yh (i8x16.shr_u (local.get $y) (i32.const 4)))
        (local.set $a0 (i32x4.add (local.get $a0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $xl)) (local.get $w0))))
        (local.set $a1 (i32x4.add (local.get $a1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $xl)) (local.get $w1))))
        (local.set $a0 (i32x4.add (local.get $a0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $xh)) (local.get $w2))))
        (local.set $a1 (i32x4.add (local.get $a1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $xh)) (local.get $w3))))
        (local.set $b0 (i32x4.add (local.get $b0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $yl)) (local.get $w0))))
        (local.set $b1 (i32x4.add (local.get $b1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $yl)) (local.get $w1))))
        (local.set $b0 (i32x4.add (local.get $b0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $yh)) (local.get $w2))))
        (local.set $b1 (i32x4.add (local.get $b1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $yh)) (local.get $w3))))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 64)))
        (br $next)))
    (i32.store offset=0 (local.get $out) (call $sumI32 (i32x4.add (local.get $a0) (local.get $a1))))
    (i32.store offset=4 (local.get $out) (call $sumI32 (i32x4.add (local.get $b0) (local.get $b1)))))
