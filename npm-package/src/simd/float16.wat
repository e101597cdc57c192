;; float16's kernels (wasm-core Float16Scorer / store HeapFloat16Kernel are the scalar reference; equal to the bit).
;;
;; A row holds little-endian IEEE halves, zero-padded to a multiple of 8 (16 bytes): `blocks` counts those 8-half
;; blocks. A query is float32, zero-padded to a multiple of 16. Wasm SIMD has no f16, so a half becomes a float by
;; bit moves: sign-extend it to i32 (bits 31..15 = sign, 14..0 = magnitude), shift left by 13 (magnitude to 27..13,
;; copies of the sign to 31..28), clear bits 30..28, and multiply by 2^112: the magnitude bits in float32 position
;; read as the value times 2^-112, subnormal halves included, and the multiply is exact (HalfFloat.toFloatFinite).
;; Infinities and NaN would come out as finite values; Float16VectorValues never stores them.
;;
;; dotF16 keeps the float kernels' lane layout: four f32x4 accumulators, lane j of 16 summing the dimensions
;; i ≡ j mod 16, reduced as (A0 + A1) + (A2 + A3) and then (l0 + l1) + (l2 + l3) ($sumLanes, kernels.wat). An odd
;; last block adds to A0 and A1 only, as a zero-padded one would (adding +0 changes no lane).

  ;; Σ q_i · h_i: f32 query at $q, halves at $h, `blocks` × 8 halves
  (func $dotF16 (export "dotF16") (param $q i32) (param $h i32) (param $blocks i32) (result f32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $x v128) (local $end i32)
    (local $mask v128) (local $rebias v128)
    (local.set $mask (v128.const i32x4 0x8fffffff 0x8fffffff 0x8fffffff 0x8fffffff))
    (local.set $rebias (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112))
    (local.set $end (i32.add (local.get $h) (i32.shl (i32.and (local.get $blocks) (i32.const -2)) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $h) (local.get $end)))
        (local.set $x (v128.load offset=0 align=2 (local.get $h)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 align=4 (local.get $q))
          (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                     (local.get $rebias)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 align=4 (local.get $q))
          (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                     (local.get $rebias)))))
        (local.set $x (v128.load offset=16 align=2 (local.get $h)))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 align=4 (local.get $q))
          (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                     (local.get $rebias)))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 align=4 (local.get $q))
          (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                     (local.get $rebias)))))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (local.set $h (i32.add (local.get $h) (i32.const 32)))
        (br $next)))
    (if (i32.and (local.get $blocks) (i32.const 1))
      (then
        (local.set $x (v128.load offset=0 align=2 (local.get $h)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 align=4 (local.get $q))
          (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                     (local.get $rebias)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 align=4 (local.get $q))
          (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                     (local.get $rebias)))))))
    (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                               (f32x4.add (local.get $a2) (local.get $a3)))))

;; out[i] = dotF16(q, addrs[i]) for i < count (addrs: i32 row addresses, out: f32 results). Two rows per pass
  ;; ($pairDotF16: the same operations per row, so the same bits), as the float batches do: the query is loaded once
  ;; for both, and two streams of row loads keep more cache misses in flight.
  (func (export "dotF16Batch") (param $q i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (call $pairDotF16 (local.get $q) (i32.load (local.get $addrs)) (i32.load offset=4 (local.get $addrs))
          (local.get $blocks) (local.get $out))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then (f32.store (local.get $out) (call $dotF16 (local.get $q) (i32.load (local.get $addrs)) (local.get $blocks))))))

  ;; dotF16 of q against rows v and u, written to out[0] and out[1]: 8 halves of each row per step (lanes 0-7 of
  ;; 16 in A0/A1, 8-15 in A2/A3, alternating), the same lane sums and order as dotF16.
  (func $pairDotF16 (param $q i32) (param $v i32) (param $u i32) (param $blocks i32) (param $out i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $x v128) (local $y v128) (local $ql v128) (local $qh v128) (local $end i32) (local $odd i32)
    (local $mask v128) (local $rebias v128) (local $t v128)
    (local.set $mask (v128.const i32x4 0x8fffffff 0x8fffffff 0x8fffffff 0x8fffffff))
    (local.set $rebias (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112))
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
        (local.set $x (v128.load align=2 (local.get $v)))
        (local.set $y (v128.load align=2 (local.get $u)))
        (local.set $ql (v128.load offset=0 align=4 (local.get $q)))
        (local.set $qh (v128.load offset=16 align=4 (local.get $q)))
        (if (local.get $odd)
          (then
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $ql)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $qh)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))
            (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $ql)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $y)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))
            (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $qh)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $y)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias))))))
          (else
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $ql)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $qh)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $x)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))
            (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $ql)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $y)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))
            (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $qh)
              (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_high_i16x8_s (local.get $y)) (i32.const 13)) (local.get $mask))
                         (local.get $rebias)))))))
        (local.set $odd (i32.xor (local.get $odd) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (br $next)))
    (f32.store offset=0 (local.get $out) (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                                                                   (f32x4.add (local.get $a2) (local.get $a3)))))
    (f32.store offset=4 (local.get $out) (call $sumLanes (f32x4.add (f32x4.add (local.get $b0) (local.get $b1))
                                                                   (f32x4.add (local.get $b2) (local.get $b3))))))

  ;; The halves at $h (`blocks` × 8) as floats at $out, each times $factor: the product formed in f64 (exact:
  ;; a half has 11 significant bits and $factor is a power of two) and rounded to f32 once, to nearest even, then
  ;; clamped to ±Float.MAX_VALUE, as Float16VectorValues.decode does in Java ((float) (half · 2^-e), Math.min/max).
  (func (export "decodeF16") (param $h i32) (param $blocks i32) (param $factor f64) (param $out i32)
    (local $x v128) (local $f v128) (local $end i32)
    (local.set $f (f64x2.splat (local.get $factor)))
    (local.set $end (i32.add (local.get $h) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $h) (local.get $end)))
        (local.set $x (v128.load align=2 (local.get $h)))
        (v128.store offset=0 align=4 (local.get $out) (call $scaleF32 (call $halvesLow (local.get $x)) (local.get $f)))
        (v128.store offset=16 align=4 (local.get $out) (call $scaleF32 (call $halvesLow
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))) (local.get $f)))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (br $next))))

  ;; The four halves in the low 8 bytes of $x as floats.
  (func $halvesLow (param $x v128) (result v128)
    (f32x4.mul (v128.and (i32x4.shl (i32x4.extend_low_i16x8_s (local.get $x)) (i32.const 13))
                         (v128.const i32x4 0x8fffffff 0x8fffffff 0x8fffffff 0x8fffffff))
               (v128.const f32x4 0x1p112 0x1p112 0x1p112 0x1p112)))

  ;; Each lane of $v times the f64x2 $f, rounded once to f32 and clamped to ±Float.MAX_VALUE.
  (func $scaleF32 (param $v v128) (param $f v128) (result v128)
    (f32x4.max (v128.const f32x4 -0x1.fffffep127 -0x1.fffffep127 -0x1.fffffep127 -0x1.fffffep127)
      (f32x4.min (v128.const f32x4 0x1.fffffep127 0x1.fffffep127 0x1.fffffep127 0x1.fffffep127)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (local.get $f)))
          (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))) (local.get $f)))))))
