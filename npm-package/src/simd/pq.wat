  ;; PQ asymmetric distances: Σ_s table[s·256 + code_s] over a row of m code bytes, the query's table (m × 256
  ;; f32, simd/LinearLookupKernel copies it in) and the codes both in linear memory. Wasm SIMD has no gather, so
  ;; this is scalar Wasm: one byte load and one f32 load per sub-space, no bounds checks, unrolled by four with
  ;; the table row advanced through load offsets. The sum runs from 0 in sub-space order, like the Java
  ;; reference (store/HeapLookupKernel), so the results are the same bits. The batch form scores four rows per
  ;; pass, one accumulator each (each still in order): independent chains keep the loads in flight.
  (func $adcSum (export "adcSum") (param $t i32) (param $c i32) (param $m i32) (result f32)
    (local $s f32) (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $c) (local.get $m)))
    (local.set $end4 (i32.add (local.get $c) (i32.and (local.get $m) (i32.const -4))))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.ge_u (local.get $c) (local.get $end4)))
        (local.set $s (f32.add (local.get $s)
          (f32.load offset=0 (i32.add (local.get $t) (i32.shl (i32.load8_u offset=0 (local.get $c)) (i32.const 2))))))
        (local.set $s (f32.add (local.get $s)
          (f32.load offset=1024 (i32.add (local.get $t) (i32.shl (i32.load8_u offset=1 (local.get $c)) (i32.const 2))))))
        (local.set $s (f32.add (local.get $s)
          (f32.load offset=2048 (i32.add (local.get $t) (i32.shl (i32.load8_u offset=2 (local.get $c)) (i32.const 2))))))
        (local.set $s (f32.add (local.get $s)
          (f32.load offset=3072 (i32.add (local.get $t) (i32.shl (i32.load8_u offset=3 (local.get $c)) (i32.const 2))))))
        (local.set $t (i32.add (local.get $t) (i32.const 4096)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $next4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $s (f32.add (local.get $s)
          (f32.load (i32.add (local.get $t) (i32.shl (i32.load8_u (local.get $c)) (i32.const 2))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1024)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $next)))
    (local.get $s))

  ;; out[i] = adcSum(t, addrs[i], m) for i below count (out: f32).
  (func (export "adcSumBatch") (param $t i32) (param $addrs i32) (param $count i32) (param $m i32) (param $out i32)
    (local $end i32) (local $last i32)
    (local.set $end (i32.add (local.get $addrs) (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2))))
    (local.set $last (i32.add (local.get $addrs) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addrs) (local.get $end)))
        (call $quadAdc (local.get $t) (local.get $addrs) (local.get $m) (local.get $out))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $next)))
    (block $tail
      (loop $rest
        (br_if $tail (i32.ge_u (local.get $addrs) (local.get $last)))
        (f32.store (local.get $out) (call $adcSum (local.get $t) (i32.load (local.get $addrs)) (local.get $m)))
        (local.set $addrs (i32.add (local.get $addrs) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $rest))))

  ;; adcSum of the four rows whose addresses are at $addrs, to out[0..4).
  (func $quadAdc (param $t i32) (param $addrs i32) (param $m i32) (param $out i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $i i32)
    (local $sa f32) (local $sb f32) (local $sc f32) (local $sd f32)
    (local.set $a (i32.load offset=0 (local.get $addrs)))
    (local.set $b (i32.load offset=4 (local.get $addrs)))
    (local.set $c (i32.load offset=8 (local.get $addrs)))
    (local.set $d (i32.load offset=12 (local.get $addrs)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $sa (f32.add (local.get $sa)
          (f32.load (i32.add (local.get $t) (i32.shl (i32.load8_u (i32.add (local.get $a) (local.get $i))) (i32.const 2))))))
        (local.set $sb (f32.add (local.get $sb)
          (f32.load (i32.add (local.get $t) (i32.shl (i32.load8_u (i32.add (local.get $b) (local.get $i))) (i32.const 2))))))
        (local.set $sc (f32.add (local.get $sc)
          (f32.load (i32.add (local.get $t) (i32.shl (i32.load8_u (i32.add (local.get $c) (local.get $i))) (i32.const 2))))))
        (local.set $sd (f32.add (local.get $sd)
          (f32.load (i32.add (local.get $t) (i32.shl (i32.load8_u (i32.add (local.get $d) (local.get $i))) (i32.const 2))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1024)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (f32.store offset=0 (local.get $out) (local.get $sa))
    (f32.store offset=4 (local.get $out) (local.get $sb))
    (f32.store offset=8 (local.get $out) (local.get $sc))
    (f32.store offset=12 (local.get $out) (local.get $sd)))

  ;; The query's table, exactly as ProductQuantizer.fillTable: for each sub-space s and centroid c,
  ;; table[s][c] = 0 + term_j0 + term_j1 + ... over the sub-space's dimensions j in order, the term (q_j - cent_j[c])²
  ;; ($l2 1) or q_j·cent_j[c]. Four centroids per lane group, the running sums kept in registers across j (the Java
  ;; loop adds into the table in the same order). Lanes are independent and Wasm neither fuses nor reorders f32
  ;; operations, so every entry gets the bits of the Java loop. $cents: dimension j's 256 centroid values at floats
  ;; [256·j, 256·(j+1)) (simd/LinearPqCentroids); $offsets: m + 1 i32 sub-space starts.
  (func (export "pqFill") (param $q i32) (param $cents i32) (param $offsets i32) (param $m i32) (param $table i32)
      (param $l2 i32)
    (local $end i32) (local $j0 i32) (local $j1 i32) (local $j i32) (local $t i32) (local $c i32) (local $row i32)
    (local $qv v128) (local $a0 v128) (local $a1 v128) (local $d0 v128) (local $d1 v128)
    (local.set $end (i32.add (local.get $table) (i32.shl (local.get $m) (i32.const 10))))
    (local.set $t (local.get $table))
    (block $subspacesDone
      (loop $subspace
        (br_if $subspacesDone (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $j0 (i32.load (local.get $offsets)))
        (local.set $j1 (i32.load offset=4 (local.get $offsets)))
        (local.set $c (i32.const 0))
        ;; Eight centroids (two vectors) per pass over the sub-space's dimensions.
        (loop $centroids
          (local.set $a0 (v128.const i32x4 0 0 0 0))
          (local.set $a1 (v128.const i32x4 0 0 0 0))
          (local.set $j (local.get $j0))
          (local.set $row (i32.add (local.get $cents) (i32.add (i32.shl (local.get $j0) (i32.const 10)) (local.get $c))))
          (block $dimsDone
            (loop $dim
              (br_if $dimsDone (i32.ge_u (local.get $j) (local.get $j1)))
              (local.set $qv (f32x4.splat (f32.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 2))))))
              (if (local.get $l2)
                (then
                  (local.set $d0 (f32x4.sub (local.get $qv) (v128.load offset=0 (local.get $row))))
                  (local.set $d1 (f32x4.sub (local.get $qv) (v128.load offset=16 (local.get $row))))
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $d0) (local.get $d0))))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $d1) (local.get $d1)))))
                (else
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $qv) (v128.load offset=0 (local.get $row)))))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $qv) (v128.load offset=16 (local.get $row)))))))
              (local.set $row (i32.add (local.get $row) (i32.const 1024)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $dim)))
          (v128.store offset=0 (i32.add (local.get $t) (local.get $c)) (local.get $a0))
          (v128.store offset=16 (i32.add (local.get $t) (local.get $c)) (local.get $a1))
          (local.set $c (i32.add (local.get $c) (i32.const 32)))
          (br_if $centroids (i32.lt_u (local.get $c) (i32.const 1024))))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $t (i32.add (local.get $t) (i32.const 1024)))
        (br $subspace))))

  ;; A PQ distance without a table, exactly as PqScorer's direct path: Σ_s partial_s, each partial summed from 0 over
  ;; the sub-space's dimensions j in order, term (q_j - cent_j[c_s])² ($l2 1) or q_j·cent_j[c_s], where c_s is byte s
  ;; of the row at $c. For stored queries that score a few rows (cheaper than filling a table). Scalar: one centroid
  ;; value per dimension, at a different code per sub-space.
  (func $pqDirect (export "pqDirect") (param $q i32) (param $cents i32) (param $offsets i32) (param $m i32) (param $c i32)
      (param $l2 i32) (result f32)
    (local $sum f32) (local $part f32) (local $d f32) (local $end i32) (local $j i32) (local $jEnd i32) (local $col i32)
    (local.set $end (i32.add (local.get $c) (local.get $m)))
    (block $done
      (loop $subspace
        (br_if $done (i32.ge_u (local.get $c) (local.get $end)))
        (local.set $j (i32.load (local.get $offsets)))
        (local.set $jEnd (i32.load offset=4 (local.get $offsets)))
        ;; cent_j[code] at cents + 1024·j + 4·code.
        (local.set $col (i32.add (local.get $cents)
          (i32.add (i32.shl (local.get $j) (i32.const 10)) (i32.shl (i32.load8_u (local.get $c)) (i32.const 2)))))
        (local.set $part (f32.const 0))
        (block $dimsDone
          (loop $dim
            (br_if $dimsDone (i32.ge_u (local.get $j) (local.get $jEnd)))
            (if (local.get $l2)
              (then
                (local.set $d (f32.sub (f32.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 2))))
                  (f32.load (local.get $col))))
                (local.set $part (f32.add (local.get $part) (f32.mul (local.get $d) (local.get $d)))))
              (else
                (local.set $part (f32.add (local.get $part)
                  (f32.mul (f32.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 2)))) (f32.load (local.get $col)))))))
            (local.set $col (i32.add (local.get $col) (i32.const 1024)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $dim)))
        (local.set $sum (f32.add (local.get $sum) (local.get $part)))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $subspace)))
    (local.get $sum))

  ;; The code of the vector whose l2 table ($l2 1 in pqFill) is at $t: per sub-space the first centroid of least
  ;; distance, as KMeans.nearest picks it (strict <, so ties and NaNs resolve the same way), one byte each to $out.
  (func (export "pqNearest") (param $t i32) (param $m i32) (param $out i32)
    (local $end i32) (local $c i32) (local $best i32) (local $bestD f32) (local $d f32)
    (local.set $end (i32.add (local.get $out) (local.get $m)))
    (block $done
      (loop $subspace
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $best (i32.const 0))
        (local.set $bestD (f32.load (local.get $t)))
        (local.set $c (i32.const 1))
        (loop $centroid
          (local.set $d (f32.load (i32.add (local.get $t) (i32.shl (local.get $c) (i32.const 2)))))
          (if (f32.lt (local.get $d) (local.get $bestD))
            (then (local.set $best (local.get $c)) (local.set $bestD (local.get $d))))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $centroid (i32.lt_u (local.get $c) (i32.const 256))))
        (i32.store8 (local.get $out) (local.get $best))
        (local.set $t (i32.add (local.get $t) (i32.const 1024)))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))
        (br $subspace))))
