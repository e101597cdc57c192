;; TeaVec's Wasm SIMD128 distance kernels, assembled at build time (scripts/build-simd.mjs, with wabt).
;;
;; The module imports TeaVM's linear memory ("env" "memory", created by src/loader.js) and its functions
;; become the engine's imports "teavecSimd" (js-bindings: SimdKernels.java declares them with @Import).
;; Every pointer is a byte address in that memory. Vectors are zero-padded to a multiple of 16 elements,
;; `blocks` counts those 16-element blocks, so no kernel has a scalar tail.
;;
;; The float kernels must stay bit-identical to VectorOps.dot / squaredL2 (wasm-core): four f32x4
;; accumulators (lane j of 16 sums dimensions i ≡ j mod 16), reduced as (A0 + A1) + (A2 + A3), then
;; (l0 + l1) + (l2 + l3). Change one, change both: the equality tests compare them bit for bit.
;;
;; The code kernels compute Σ w_i · c_i for signed 16-bit weights and unsigned 8-bit codes, in i32; the
;; engine bounds the weights so no sum overflows (Sq8Quantizer.maxWeight), so any order is exact.
(module
  (import "env" "memory" (memory 0))

  ;; dot(q, v) over `blocks` × 16 floats
  (func $dotF32 (export "dotF32") (param $q i32) (param $v i32) (param $blocks i32) (result f32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $end i32)
    (local.set $end (i32.add (local.get $q) (i32.shl (local.get $blocks) (i32.const 6))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $a0 (f32x4.add (local.get $a0)
          (f32x4.mul (v128.load offset=0 align=4 (local.get $q)) (v128.load offset=0 align=4 (local.get $v)))))
        (local.set $a1 (f32x4.add (local.get $a1)
          (f32x4.mul (v128.load offset=16 align=4 (local.get $q)) (v128.load offset=16 align=4 (local.get $v)))))
        (local.set $a2 (f32x4.add (local.get $a2)
          (f32x4.mul (v128.load offset=32 align=4 (local.get $q)) (v128.load offset=32 align=4 (local.get $v)))))
        (local.set $a3 (f32x4.add (local.get $a3)
          (f32x4.mul (v128.load offset=48 align=4 (local.get $q)) (v128.load offset=48 align=4 (local.get $v)))))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
    (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                               (f32x4.add (local.get $a2) (local.get $a3)))))

  ;; squared L2(q, v) over `blocks` × 16 floats
  (func $l2F32 (export "l2F32") (param $q i32) (param $v i32) (param $blocks i32) (result f32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $d v128) (local $end i32)
    (local.set $end (i32.add (local.get $q) (i32.shl (local.get $blocks) (i32.const 6))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $d (f32x4.sub (v128.load offset=0 align=4 (local.get $q)) (v128.load offset=0 align=4 (local.get $v))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (v128.load offset=16 align=4 (local.get $q)) (v128.load offset=16 align=4 (local.get $v))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (v128.load offset=32 align=4 (local.get $q)) (v128.load offset=32 align=4 (local.get $v))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (v128.load offset=48 align=4 (local.get $q)) (v128.load offset=48 align=4 (local.get $v))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (br $next)))
    (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                               (f32x4.add (local.get $a2) (local.get $a3)))))

  (func $sumLanes (param $x v128) (result f32)
    (f32.add (f32.add (f32x4.extract_lane 0 (local.get $x)) (f32x4.extract_lane 1 (local.get $x)))
             (f32.add (f32x4.extract_lane 2 (local.get $x)) (f32x4.extract_lane 3 (local.get $x)))))

  ;; Σ w_i · c_i: i16 weights at $w, u8 codes at $c, `blocks` × 16 of each
  (func $dotU8 (export "dotU8") (param $w i32) (param $c i32) (param $blocks i32) (result i32)
    (local $a0 v128) (local $a1 v128) (local $x v128) (local $end i32)
    (local.set $end (i32.add (local.get $c) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $x (v128.load align=1 (local.get $c)))
        (local.set $a0 (i32x4.add (local.get $a0)
          (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $x)) (v128.load offset=0 align=2 (local.get $w)))))
        (local.set $a1 (i32x4.add (local.get $a1)
          (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $x)) (v128.load offset=16 align=2 (local.get $w)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (br $next)))
    (local.set $a0 (i32x4.add (local.get $a0) (local.get $a1)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $a0)) (i32x4.extract_lane 1 (local.get $a0)))
             (i32.add (i32x4.extract_lane 2 (local.get $a0)) (i32x4.extract_lane 3 (local.get $a0)))))

;; Prepares stored codes as a query, exactly as Sq8Quantizer.prepareFromCodes then toIntWeights do:
  ;; scaled_i = minStep_i + stepSq_i·c_i (into $tmp), constant = $minSq + Σ minStep_i·c_i (16-lane order),
  ;; then weights_i = clamp(trunc(scaled_i·toInt + 32768.5) - 32768, ±$max) with toInt = $max / max|scaled|.
  ;; $tables holds minStep then stepSq, `blocks` × 16 floats each; writes [constant, scale] at $out.
  (func (export "prepareU8") (param $codes i32) (param $tables i32) (param $blocks i32) (param $tmp i32)
      (param $weights i32) (param $out i32) (param $minSq f32) (param $max i32)
    (local $steps i32) (local $end i32) (local $x v128) (local $lo v128) (local $hi v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $mx v128)
    (local $maxAbs f32) (local $toInt v128) (local $offset v128) (local $bias v128) (local $hiW v128) (local $loW v128)
    (local $p i32) (local $w i32)
    (local.set $steps (i32.add (local.get $tables) (i32.shl (local.get $blocks) (i32.const 6))))
    (local.set $end (i32.add (local.get $codes) (i32.shl (local.get $blocks) (i32.const 4))))
    (local.set $p (local.get $tmp))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $codes) (local.get $end)))
        (local.set $x (v128.load align=1 (local.get $codes)))
        (local.set $lo (i16x8.extend_low_i8x16_u (local.get $x)))
        (local.set $hi (i16x8.extend_high_i8x16_u (local.get $x)))
        (local.set $c0 (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $lo))))
        (local.set $c1 (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $lo))))
        (local.set $c2 (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $hi))))
        (local.set $c3 (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $hi))))
        (local.set $s0 (f32x4.add (v128.load offset=0 align=4 (local.get $tables))
          (f32x4.mul (v128.load offset=0 align=4 (local.get $steps)) (local.get $c0))))
        (local.set $s1 (f32x4.add (v128.load offset=16 align=4 (local.get $tables))
          (f32x4.mul (v128.load offset=16 align=4 (local.get $steps)) (local.get $c1))))
        (local.set $s2 (f32x4.add (v128.load offset=32 align=4 (local.get $tables))
          (f32x4.mul (v128.load offset=32 align=4 (local.get $steps)) (local.get $c2))))
        (local.set $s3 (f32x4.add (v128.load offset=48 align=4 (local.get $tables))
          (f32x4.mul (v128.load offset=48 align=4 (local.get $steps)) (local.get $c3))))
        (v128.store offset=0 align=4 (local.get $p) (local.get $s0))
        (v128.store offset=16 align=4 (local.get $p) (local.get $s1))
        (v128.store offset=32 align=4 (local.get $p) (local.get $s2))
        (v128.store offset=48 align=4 (local.get $p) (local.get $s3))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 align=4 (local.get $tables)) (local.get $c0))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 align=4 (local.get $tables)) (local.get $c1))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 align=4 (local.get $tables)) (local.get $c2))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 align=4 (local.get $tables)) (local.get $c3))))
        (local.set $mx (f32x4.max (local.get $mx)
          (f32x4.max (f32x4.max (f32x4.abs (local.get $s0)) (f32x4.abs (local.get $s1)))
                     (f32x4.max (f32x4.abs (local.get $s2)) (f32x4.abs (local.get $s3))))))
        (local.set $codes (i32.add (local.get $codes) (i32.const 16)))
        (local.set $tables (i32.add (local.get $tables) (i32.const 64)))
        (local.set $steps (i32.add (local.get $steps) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $next)))
    (f32.store (local.get $out) (f32.add (local.get $minSq)
      (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                                 (f32x4.add (local.get $a2) (local.get $a3))))))
    (local.set $maxAbs (f32.max (f32.max (f32x4.extract_lane 0 (local.get $mx)) (f32x4.extract_lane 1 (local.get $mx)))
                                (f32.max (f32x4.extract_lane 2 (local.get $mx)) (f32x4.extract_lane 3 (local.get $mx)))))
    (if (f32.eq (local.get $maxAbs) (f32.const 0))
      (then
        (memory.fill (local.get $weights) (i32.const 0) (i32.shl (local.get $blocks) (i32.const 5)))
        (f32.store offset=4 (local.get $out) (f32.const 0))
        (return)))
    (local.set $toInt (f32x4.splat (f32.div (f32.convert_i32_s (local.get $max)) (local.get $maxAbs))))
    (local.set $offset (f32x4.splat (f32.const 32768.5)))
    (local.set $bias (i32x4.splat (i32.const 32768)))
    (local.set $hiW (i32x4.splat (local.get $max)))
    (local.set $loW (i32x4.splat (i32.sub (i32.const 0) (local.get $max))))
    (local.set $end (i32.add (local.get $tmp) (i32.shl (local.get $blocks) (i32.const 6))))
    (local.set $p (local.get $tmp))
    (local.set $w (local.get $weights))
    (block $done2
      (loop $next2
        (br_if $done2 (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c0 (call $roundWeights (v128.load offset=0 align=4 (local.get $p)) (local.get $toInt) (local.get $offset) (local.get $bias) (local.get $loW) (local.get $hiW)))
        (local.set $c1 (call $roundWeights (v128.load offset=16 align=4 (local.get $p)) (local.get $toInt) (local.get $offset) (local.get $bias) (local.get $loW) (local.get $hiW)))
        (local.set $c2 (call $roundWeights (v128.load offset=32 align=4 (local.get $p)) (local.get $toInt) (local.get $offset) (local.get $bias) (local.get $loW) (local.get $hiW)))
        (local.set $c3 (call $roundWeights (v128.load offset=48 align=4 (local.get $p)) (local.get $toInt) (local.get $offset) (local.get $bias) (local.get $loW) (local.get $hiW)))
        (v128.store offset=0 align=2 (local.get $w) (i16x8.narrow_i32x4_s (local.get $c0) (local.get $c1)))
        (v128.store offset=16 align=2 (local.get $w) (i16x8.narrow_i32x4_s (local.get $c2) (local.get $c3)))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (br $next2)))
    (f32.store offset=4 (local.get $out) (f32.div (local.get $maxAbs) (f32.convert_i32_s (local.get $max)))))

  ;; clamp(trunc(s·toInt + 32768.5) - 32768, lo, hi): Java's (int) cast truncates as trunc_sat does here.
  (func $roundWeights (param $s v128) (param $toInt v128) (param $offset v128) (param $bias v128)
      (param $lo v128) (param $hi v128) (result v128)
    (i32x4.max_s (local.get $lo) (i32x4.min_s (local.get $hi)
      (i32x4.sub (i32x4.trunc_sat_f32x4_s (f32x4.add (f32x4.mul (local.get $s) (local.get $toInt)) (local.get $offset)))
                 (local.get $bias)))))

;; Batches: out[i] = kernel(q, addrs[i]) for i < count; addrs holds i32 vector addresses, out 4-byte results.
  ;; The float batches score two vectors per pass (same per-vector operations, so the same bits): two
  ;; independent streams of loads keep more cache misses in flight, ~15% faster on vectors out of cache.
  (func (export "dotF32Batch") (param $q i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (call $pairDotF32 (local.get $q) (i32.load (local.get $addrs)) (i32.load offset=4 (local.get $addrs))
          (local.get $blocks) (local.get $out))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then (f32.store (local.get $out) (call $dotF32 (local.get $q) (i32.load (local.get $addrs)) (local.get $blocks))))))

  (func (export "l2F32Batch") (param $q i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (call $pairL2F32 (local.get $q) (i32.load (local.get $addrs)) (i32.load offset=4 (local.get $addrs))
          (local.get $blocks) (local.get $out))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then (f32.store (local.get $out) (call $l2F32 (local.get $q) (i32.load (local.get $addrs)) (local.get $blocks))))))

  ;; dotF32 and l2F32 of q against two vectors v and u at once, written to out[0] and out[1].
  (func $pairDotF32 (param $q i32) (param $v i32) (param $u i32) (param $blocks i32) (param $out i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $x v128) (local $d v128) (local $end i32)
    (local.set $end (i32.add (local.get $q) (i32.shl (local.get $blocks) (i32.const 6))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $x (v128.load offset=0 align=4 (local.get $q)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load offset=0 align=4 (local.get $v)))))
        (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $x) (v128.load offset=0 align=4 (local.get $u)))))
        (local.set $x (v128.load offset=16 align=4 (local.get $q)))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load offset=16 align=4 (local.get $v)))))
        (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $x) (v128.load offset=16 align=4 (local.get $u)))))
        (local.set $x (v128.load offset=32 align=4 (local.get $q)))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (v128.load offset=32 align=4 (local.get $v)))))
        (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $x) (v128.load offset=32 align=4 (local.get $u)))))
        (local.set $x (v128.load offset=48 align=4 (local.get $q)))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (v128.load offset=48 align=4 (local.get $v)))))
        (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $x) (v128.load offset=48 align=4 (local.get $u)))))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (local.set $u (i32.add (local.get $u) (i32.const 64)))
        (br $next)))
    (f32.store offset=0 (local.get $out) (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                                                                   (f32x4.add (local.get $a2) (local.get $a3)))))
    (f32.store offset=4 (local.get $out) (call $sumLanes (f32x4.add (f32x4.add (local.get $b0) (local.get $b1))
                                                                   (f32x4.add (local.get $b2) (local.get $b3))))))

  (func $pairL2F32 (param $q i32) (param $v i32) (param $u i32) (param $blocks i32) (param $out i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $x v128) (local $d v128) (local $end i32)
    (local.set $end (i32.add (local.get $q) (i32.shl (local.get $blocks) (i32.const 6))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $x (v128.load offset=0 align=4 (local.get $q)))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=0 align=4 (local.get $v))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=0 align=4 (local.get $u))))
        (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $x (v128.load offset=16 align=4 (local.get $q)))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=16 align=4 (local.get $v))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=16 align=4 (local.get $u))))
        (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $x (v128.load offset=32 align=4 (local.get $q)))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=32 align=4 (local.get $v))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=32 align=4 (local.get $u))))
        (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $x (v128.load offset=48 align=4 (local.get $q)))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=48 align=4 (local.get $v))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.sub (local.get $x) (v128.load offset=48 align=4 (local.get $u))))
        (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $q (i32.add (local.get $q) (i32.const 64)))
        (local.set $v (i32.add (local.get $v) (i32.const 64)))
        (local.set $u (i32.add (local.get $u) (i32.const 64)))
        (br $next)))
    (f32.store offset=0 (local.get $out) (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                                                                   (f32x4.add (local.get $a2) (local.get $a3)))))
    (f32.store offset=4 (local.get $out) (call $sumLanes (f32x4.add (f32x4.add (local.get $b0) (local.get $b1))
                                                                   (f32x4.add (local.get $b2) (local.get $b3))))))

  ;; The code batch also scores two vectors per pass, loading the weights once for both. It first touches
  ;; every 64-byte line of every row: independent loads, so the cache misses of the whole batch overlap
  ;; instead of stalling one row at a time (Wasm has no prefetch instruction). At 100k × 768 most rows a
  ;; search visits are not in cache; this made the batch ~1.3-2× faster there (bench/search-profile.mjs).
  (func (export "dotU8Batch") (param $w i32) (param $addrs i32) (param $count i32) (param $blocks i32) (param $out i32)
    (local $end i32)
    (i32.store (local.get $out) (call $touchRows (local.get $addrs) (local.get $count) (i32.shl (local.get $blocks) (i32.const 4))))
    (local.set $end (i32.add (local.get $addrs) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (call $pairU8 (local.get $w) (i32.load (local.get $addrs)) (i32.load offset=4 (local.get $addrs))
          (local.get $blocks) (local.get $out))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then (i32.store (local.get $out) (call $dotU8 (local.get $w) (i32.load (local.get $addrs)) (local.get $blocks))))))

  ;; Loads a byte in each 64-byte line of the `bytes`-long rows (from the last byte down) at addrs[0..count); returns their sum, which
  ;; the caller stores so that no engine may drop the loads.
  (func $touchRows (param $addrs i32) (param $count i32) (param $bytes i32) (result i32)
    (local $end i32) (local $row i32) (local $at i32) (local $sum i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (local.set $row (i32.load (local.get $addrs)))
        (local.set $at (i32.sub (local.get $bytes) (i32.const 1)))
        (loop $lines
          (local.set $sum (i32.add (local.get $sum) (i32.load8_u (i32.add (local.get $row) (local.get $at)))))
          (local.set $at (i32.sub (local.get $at) (i32.const 64)))
          (br_if $lines (i32.ge_s (local.get $at) (i32.const 0))))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 4)))
        (br $rows)))
    (local.get $sum))

  ;; dotU8 of the weights against the codes at v and at u, to out[0] and out[1].
  (func $pairU8 (param $w i32) (param $v i32) (param $u i32) (param $blocks i32) (param $out i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $lo v128) (local $hi v128) (local $x v128) (local $y v128) (local $end i32)
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
        (local.set $lo (v128.load offset=0 align=2 (local.get $w)))
        (local.set $hi (v128.load offset=16 align=2 (local.get $w)))
        (local.set $x (v128.load align=1 (local.get $v)))
        (local.set $y (v128.load align=1 (local.get $u)))
        (local.set $a0 (i32x4.add (local.get $a0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $x)) (local.get $lo))))
        (local.set $a1 (i32x4.add (local.get $a1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $x)) (local.get $hi))))
        (local.set $b0 (i32x4.add (local.get $b0) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $y)) (local.get $lo))))
        (local.set $b1 (i32x4.add (local.get $b1) (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $y)) (local.get $hi))))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (br $next)))
    (i32.store offset=0 (local.get $out) (call $sumI32 (i32x4.add (local.get $a0) (local.get $a1))))
    (i32.store offset=4 (local.get $out) (call $sumI32 (i32x4.add (local.get $b0) (local.get $b1)))))

  (func $sumI32 (param $x v128) (result i32)
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $x)) (i32x4.extract_lane 1 (local.get $x)))
             (i32.add (i32x4.extract_lane 2 (local.get $x)) (i32x4.extract_lane 3 (local.get $x)))))

  ;; Σ x_i² of the codes at $codes decoded as x_i = min_i + step_i · c_i: SQ8's squared norm, bit-identical to
  ;; Sq8Quantizer.decode then VectorOps.dot(x, x) (same products, same lanes, same reduction as dotF32).
  ;; $tables holds min, then step, `blocks` × 16 floats each (Sq8Quantizer.decodeTables).
  (func (export "normU8") (param $codes i32) (param $tables i32) (param $blocks i32) (result f32)
    (local $steps i32) (local $end i32) (local $x v128) (local $lo v128) (local $hi v128) (local $d v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $steps (i32.add (local.get $tables) (i32.shl (local.get $blocks) (i32.const 6))))
    (local.set $end (i32.add (local.get $codes) (i32.shl (local.get $blocks) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $codes) (local.get $end)))
        (local.set $x (v128.load align=1 (local.get $codes)))
        (local.set $lo (i16x8.extend_low_i8x16_u (local.get $x)))
        (local.set $hi (i16x8.extend_high_i8x16_u (local.get $x)))
        (local.set $d (f32x4.add (v128.load offset=0 align=4 (local.get $tables)) (f32x4.mul (v128.load offset=0 align=4 (local.get $steps))
          (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $lo))))))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.add (v128.load offset=16 align=4 (local.get $tables)) (f32x4.mul (v128.load offset=16 align=4 (local.get $steps))
          (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $lo))))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.add (v128.load offset=32 align=4 (local.get $tables)) (f32x4.mul (v128.load offset=32 align=4 (local.get $steps))
          (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $hi))))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $d (f32x4.add (v128.load offset=48 align=4 (local.get $tables)) (f32x4.mul (v128.load offset=48 align=4 (local.get $steps))
          (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $hi))))))
        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $codes (i32.add (local.get $codes) (i32.const 16)))
        (local.set $tables (i32.add (local.get $tables) (i32.const 64)))
        (local.set $steps (i32.add (local.get $steps) (i32.const 64)))
        (br $next)))
    (call $sumLanes (f32x4.add (f32x4.add (local.get $a0) (local.get $a1))
                               (f32x4.add (local.get $a2) (local.get $a3)))))
)
