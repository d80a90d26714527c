;; Counting byte-coded scores with WebAssembly SIMD (128-bit vectors of 16 bytes).
;;
;; The caller copies a chunk of bytes to memory[0, 262144) and calls `count(vectors, min, bins)`:
;; for each bin k < bins (at most 11) it adds to the i32x4 total at 262144 + 16k the number of
;; bytes, among the first 16·vectors, whose bit pattern is that of the score min + k. The caller
;; sums the four lanes of each total, counts the bytes past the last whole vector itself, and
;; knows that every byte was on the scale exactly when the counts add up to the bytes given.
;;
;; Each bin is counted in 8-bit lanes: i8x16.eq gives −1 in every lane that holds the score,
;; and subtracting it adds 1. A lane can then overflow after 255 vectors, so the counts are
;; widened (8 → 16 → 32 bits) and added to the totals every 254 vectors. The bins are counted in
;; two passes over the chunk (0–5, then 6–10), so that the six counters and six scores of a pass
;; stay in registers; the chunk (256 KiB) stays in the core's cache between the passes, and is
;; large enough that the caller's copy into it runs near the speed of memory (a 16 KiB chunk
;; cost 10–15 % of the whole count in copying alone). The widening is written out bin by bin, not
;; called: a call per bin per block cost another 5–12 %.
;;
;; `npsGroups(vectors)` is the same count for NPS, which needs three groups, not eleven points:
;; promoters (scores above 8) into the total at 262144, detractors (below 7) into the one at
;; 262160, and the largest byte seen, lane by lane, into 262176 — every byte is a score from 0 to
;; 10 exactly when that maximum is at most 10 (unsigned, so a negative Int8 is too large).

(module
  (memory (export "memory") 5)

  ;; Bins 0–5 (a pass counts only the first `bins` of them: the rest of the work is wasted, not wrong).
  (func $low (param $end i32) (param $min i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128) (local $n4 v128) (local $n5 v128)
    (local $v v128) (local $at i32) (local $stop i32)
    (local.set $s0 (i8x16.splat (local.get $min)))
    (local.set $s1 (i8x16.splat (i32.add (local.get $min) (i32.const 1))))
    (local.set $s2 (i8x16.splat (i32.add (local.get $min) (i32.const 2))))
    (local.set $s3 (i8x16.splat (i32.add (local.get $min) (i32.const 3))))
    (local.set $s4 (i8x16.splat (i32.add (local.get $min) (i32.const 4))))
    (local.set $s5 (i8x16.splat (i32.add (local.get $min) (i32.const 5))))
    (loop $blocks
      ;; A block of at most 254 vectors (4064 bytes), so no 8-bit lane overflows.
      (local.set $stop
        (select (local.get $end) (i32.add (local.get $at) (i32.const 4064))
          (i32.lt_u (i32.sub (local.get $end) (local.get $at)) (i32.const 4064))))
      (local.set $n0 (v128.const i64x2 0 0)) (local.set $n1 (v128.const i64x2 0 0))
      (local.set $n2 (v128.const i64x2 0 0)) (local.set $n3 (v128.const i64x2 0 0))
      (local.set $n4 (v128.const i64x2 0 0)) (local.set $n5 (v128.const i64x2 0 0))
      (loop $vectors
        (local.set $v (v128.load (local.get $at)))
        (local.set $n0 (i8x16.sub (local.get $n0) (i8x16.eq (local.get $v) (local.get $s0))))
        (local.set $n1 (i8x16.sub (local.get $n1) (i8x16.eq (local.get $v) (local.get $s1))))
        (local.set $n2 (i8x16.sub (local.get $n2) (i8x16.eq (local.get $v) (local.get $s2))))
        (local.set $n3 (i8x16.sub (local.get $n3) (i8x16.eq (local.get $v) (local.get $s3))))
        (local.set $n4 (i8x16.sub (local.get $n4) (i8x16.eq (local.get $v) (local.get $s4))))
        (local.set $n5 (i8x16.sub (local.get $n5) (i8x16.eq (local.get $v) (local.get $s5))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $stop))))
      (v128.store offset=262144 (i32.const 0) (i32x4.add (v128.load offset=262144 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n0)))))
      (v128.store offset=262160 (i32.const 0) (i32x4.add (v128.load offset=262160 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n1)))))
      (v128.store offset=262176 (i32.const 0) (i32x4.add (v128.load offset=262176 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n2)))))
      (v128.store offset=262192 (i32.const 0) (i32x4.add (v128.load offset=262192 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n3)))))
      (v128.store offset=262208 (i32.const 0) (i32x4.add (v128.load offset=262208 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n4)))))
      (v128.store offset=262224 (i32.const 0) (i32x4.add (v128.load offset=262224 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n5)))))
      (br_if $blocks (i32.lt_u (local.get $at) (local.get $end)))))

  ;; Bins 6–10.
  (func $high (param $end i32) (param $min i32)
    (local $s6 v128) (local $s7 v128) (local $s8 v128) (local $s9 v128) (local $s10 v128)
    (local $n6 v128) (local $n7 v128) (local $n8 v128) (local $n9 v128) (local $n10 v128)
    (local $v v128) (local $at i32) (local $stop i32)
    (local.set $s6 (i8x16.splat (i32.add (local.get $min) (i32.const 6))))
    (local.set $s7 (i8x16.splat (i32.add (local.get $min) (i32.const 7))))
    (local.set $s8 (i8x16.splat (i32.add (local.get $min) (i32.const 8))))
    (local.set $s9 (i8x16.splat (i32.add (local.get $min) (i32.const 9))))
    (local.set $s10 (i8x16.splat (i32.add (local.get $min) (i32.const 10))))
    (loop $blocks
      (local.set $stop
        (select (local.get $end) (i32.add (local.get $at) (i32.const 4064))
          (i32.lt_u (i32.sub (local.get $end) (local.get $at)) (i32.const 4064))))
      (local.set $n6 (v128.const i64x2 0 0)) (local.set $n7 (v128.const i64x2 0 0))
      (local.set $n8 (v128.const i64x2 0 0)) (local.set $n9 (v128.const i64x2 0 0))
      (local.set $n10 (v128.const i64x2 0 0))
      (loop $vectors
        (local.set $v (v128.load (local.get $at)))
        (local.set $n6 (i8x16.sub (local.get $n6) (i8x16.eq (local.get $v) (local.get $s6))))
        (local.set $n7 (i8x16.sub (local.get $n7) (i8x16.eq (local.get $v) (local.get $s7))))
        (local.set $n8 (i8x16.sub (local.get $n8) (i8x16.eq (local.get $v) (local.get $s8))))
        (local.set $n9 (i8x16.sub (local.get $n9) (i8x16.eq (local.get $v) (local.get $s9))))
        (local.set $n10 (i8x16.sub (local.get $n10) (i8x16.eq (local.get $v) (local.get $s10))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $stop))))
      (v128.store offset=262240 (i32.const 0) (i32x4.add (v128.load offset=262240 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n6)))))
      (v128.store offset=262256 (i32.const 0) (i32x4.add (v128.load offset=262256 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n7)))))
      (v128.store offset=262272 (i32.const 0) (i32x4.add (v128.load offset=262272 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n8)))))
      (v128.store offset=262288 (i32.const 0) (i32x4.add (v128.load offset=262288 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n9)))))
      (v128.store offset=262304 (i32.const 0) (i32x4.add (v128.load offset=262304 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $n10)))))
      (br_if $blocks (i32.lt_u (local.get $at) (local.get $end)))))

  ;; Count the first `vectors` 16-byte vectors of the chunk into the totals of bins 0 … bins − 1.
  (func (export "count") (param $vectors i32) (param $min i32) (param $bins i32)
    (local $end i32)
    (local.set $end (i32.shl (local.get $vectors) (i32.const 4)))
    (if (i32.eqz (local.get $end)) (then (return)))
    (call $low (local.get $end) (local.get $min))
    (if (i32.gt_u (local.get $bins) (i32.const 6))
      (then (call $high (local.get $end) (local.get $min)))))

  ;; Promoters, detractors and the largest byte of the first `vectors` vectors (see the top).
  (func (export "npsGroups") (param $vectors i32)
    (local $promoters v128) (local $detractors v128) (local $largest v128) (local $v v128)
    (local $eight v128) (local $seven v128) (local $at i32) (local $stop i32) (local $end i32)
    (local.set $end (i32.shl (local.get $vectors) (i32.const 4)))
    (local.set $eight (i8x16.splat (i32.const 8)))
    (local.set $seven (i8x16.splat (i32.const 7)))
    (local.set $largest (v128.load (i32.const 262176)))
    (if (i32.eqz (local.get $end)) (then (return)))
    (loop $blocks
      (local.set $stop
        (select (local.get $end) (i32.add (local.get $at) (i32.const 4064))
          (i32.lt_u (i32.sub (local.get $end) (local.get $at)) (i32.const 4064))))
      (local.set $promoters (v128.const i64x2 0 0))
      (local.set $detractors (v128.const i64x2 0 0))
      (loop $vectors
        (local.set $v (v128.load (local.get $at)))
        (local.set $promoters
          (i8x16.sub (local.get $promoters) (i8x16.gt_u (local.get $v) (local.get $eight))))
        (local.set $detractors
          (i8x16.sub (local.get $detractors) (i8x16.lt_u (local.get $v) (local.get $seven))))
        (local.set $largest (i8x16.max_u (local.get $largest) (local.get $v)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $stop))))
      (v128.store offset=262144 (i32.const 0) (i32x4.add (v128.load offset=262144 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $promoters)))))
      (v128.store offset=262160 (i32.const 0) (i32x4.add (v128.load offset=262160 (i32.const 0))
        (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $detractors)))))
      (br_if $blocks (i32.lt_u (local.get $at) (local.get $end))))
    (v128.store (i32.const 262176) (local.get $largest)))
)
