;; Counting byte-coded scores with WebAssembly SIMD (128-bit vectors of 16 bytes).
;;
;; The caller copies a chunk of bytes to memory[0, 262144) (256 KiB: it stays in the core's cache,
;; and the copy into it runs near the speed of memory; a 16 KiB chunk cost 10–15 % of the whole
;; count in copying alone) and calls one of the two loops below on the start of the chunk:
;; `count` on 64·steps bytes, `npsGroups` on 16·vectors.
;;
;; `count(steps, min)` counts scores on a scale of at most 11 points, min … min + 10. Each byte
;; b becomes its point u = b − min (mod 256). A point from 0 to 10 fits in four bits, so the
;; points of two vectors are packed into the two halves (nibbles) of one: w = uA | uB << 4. Of
;; each nibble the loop counts ten things — each of its four bits, and six products of bits:
;;
;;   b0, b1, b2, b3, b0·b1, b0·b2, b1·b2, b0·b1·b2, b0·b3, b1·b3
;;
;; (bit j of both nibbles is brought to bits 0 and 4 by a shift and a mask, so a product is an
;; AND and a count is an add). Every point from 0 to 10 has its own set of bits, and these ten
;; counts and the number of bytes give each point's count by inclusion–exclusion (the caller
;; does it: 7 = b0·b1·b2, 6 = b1·b2 − 7, …). That takes 27 operations per 32 bytes where one
;; compare and one subtract per point took 44. The counts are only right if every point is at
;; most 10, so the loop also keeps the largest point, lane by lane, at 262304: the caller checks
;; it against the scale and, if a byte is off it, counts nothing (its checked loop names the byte).
;;
;; Each count is kept per nibble (4 bits), two pairs of vectors at a time (a step of 64 bytes,
;; so that each counter is added to once per step); after 7 steps (at most 14 per nibble) the
;; two nibbles of each counter are added into a byte of memory, and after 9 of those (at most
;; 252 per byte) the bytes are widened to the i32x4 totals at 262144 + 16j, j in the order above.
;; Nothing is called (a call per counter per block cost 5–12 %).
;;
;; `npsGroups(vectors)` is the same count for NPS, which needs three groups, not eleven points:
;; promoters (scores above 8) into the total at 262144, detractors (below 7) into the one at
;; 262160, and the largest byte seen, lane by lane, into 262176 — every byte is a score from 0 to
;; 10 exactly when that maximum is at most 10 (unsigned, so a negative Int8 is too large). Its
;; counts are kept in bytes (one compare and one subtract each) and widened every 254 vectors.

(module
  (memory (export "memory") 5)

  ;; The ten counts of the first 64·steps bytes of the chunk, and their largest point (see top).
  (func (export "count") (param $steps i32) (param $min i32)
    (local $at i32) (local $end i32) (local $stop i32) (local $blockEnd i32) (local $j i32)
    (local $min16 v128) (local $lows v128) (local $nibble v128) (local $largest v128)
    (local $zero v128) ;; never set: a local starts at 0
    ;; Pair p (bytes 0–31 of a step) and pair q (bytes 32–63): points, packed, bits, b0·b1.
    (local $pA v128) (local $pB v128) (local $p v128) (local $p0 v128) (local $p1 v128)
    (local $p2 v128) (local $p3 v128) (local $p01 v128)
    (local $qA v128) (local $qB v128) (local $q v128) (local $q0 v128) (local $q1 v128)
    (local $q2 v128) (local $q3 v128) (local $q01 v128)
    ;; The ten counters, per nibble: b0, b1, b2, b3, b0·b1, b0·b2, b1·b2, b0·b1·b2, b0·b3, b1·b3.
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c01 v128)
    (local $c02 v128) (local $c12 v128) (local $c012 v128) (local $c03 v128) (local $c13 v128)
    (local.set $end (i32.shl (local.get $steps) (i32.const 6)))
    (local.set $min16 (i8x16.splat (local.get $min)))
    (local.set $lows (i8x16.splat (i32.const 0x11)))
    (local.set $nibble (i8x16.splat (i32.const 0x0f)))
    (local.set $largest (v128.load (i32.const 262304)))
    (if (i32.eqz (local.get $end)) (then (return)))
    (loop $blocks
      ;; 9 × 7 steps (4032 bytes), so that no byte of the memory counters passes 252.
      (local.set $blockEnd
        (select (local.get $end) (i32.add (local.get $at) (i32.const 4032))
          (i32.lt_u (i32.sub (local.get $end) (local.get $at)) (i32.const 4032))))
      (loop $nibbles
        ;; 7 steps (448 bytes), so that no nibble passes 14.
        (local.set $stop
          (select (local.get $blockEnd) (i32.add (local.get $at) (i32.const 448))
            (i32.lt_u (i32.sub (local.get $blockEnd) (local.get $at)) (i32.const 448))))
        ;; The counters start from 0 every 7 steps.
        (local.set $c0 (local.get $zero)) (local.set $c1 (local.get $zero))
        (local.set $c2 (local.get $zero)) (local.set $c3 (local.get $zero))
        (local.set $c01 (local.get $zero)) (local.set $c02 (local.get $zero))
        (local.set $c12 (local.get $zero)) (local.set $c012 (local.get $zero))
        (local.set $c03 (local.get $zero)) (local.set $c13 (local.get $zero))
        (loop $steps
          (local.set $pA (i8x16.sub (v128.load offset=0 (local.get $at)) (local.get $min16)))
          (local.set $pB (i8x16.sub (v128.load offset=16 (local.get $at)) (local.get $min16)))
          (local.set $largest
            (i8x16.max_u (local.get $largest) (i8x16.max_u (local.get $pA) (local.get $pB))))
          (local.set $p (v128.or (local.get $pA) (i16x8.shl (local.get $pB) (i32.const 4))))
          (local.set $p0 (v128.and (local.get $p) (local.get $lows)))
          (local.set $p1 (v128.and (i16x8.shr_u (local.get $p) (i32.const 1)) (local.get $lows)))
          (local.set $p2 (v128.and (i16x8.shr_u (local.get $p) (i32.const 2)) (local.get $lows)))
          (local.set $p3 (v128.and (i16x8.shr_u (local.get $p) (i32.const 3)) (local.get $lows)))
          (local.set $p01 (v128.and (local.get $p0) (local.get $p1)))
          (local.set $qA (i8x16.sub (v128.load offset=32 (local.get $at)) (local.get $min16)))
          (local.set $qB (i8x16.sub (v128.load offset=48 (local.get $at)) (local.get $min16)))
          (local.set $largest
            (i8x16.max_u (local.get $largest) (i8x16.max_u (local.get $qA) (local.get $qB))))
          (local.set $q (v128.or (local.get $qA) (i16x8.shl (local.get $qB) (i32.const 4))))
          (local.set $q0 (v128.and (local.get $q) (local.get $lows)))
          (local.set $q1 (v128.and (i16x8.shr_u (local.get $q) (i32.const 1)) (local.get $lows)))
          (local.set $q2 (v128.and (i16x8.shr_u (local.get $q) (i32.const 2)) (local.get $lows)))
          (local.set $q3 (v128.and (i16x8.shr_u (local.get $q) (i32.const 3)) (local.get $lows)))
          (local.set $q01 (v128.and (local.get $q0) (local.get $q1)))
          (local.set $c0 (i8x16.add (local.get $c0) (i8x16.add (local.get $p0) (local.get $q0))))
          (local.set $c1 (i8x16.add (local.get $c1) (i8x16.add (local.get $p1) (local.get $q1))))
          (local.set $c2 (i8x16.add (local.get $c2) (i8x16.add (local.get $p2) (local.get $q2))))
          (local.set $c3 (i8x16.add (local.get $c3) (i8x16.add (local.get $p3) (local.get $q3))))
          (local.set $c01
            (i8x16.add (local.get $c01) (i8x16.add (local.get $p01) (local.get $q01))))
          (local.set $c02 (i8x16.add (local.get $c02)
            (i8x16.add
              (v128.and (local.get $p0) (local.get $p2))
              (v128.and (local.get $q0) (local.get $q2)))))
          (local.set $c12 (i8x16.add (local.get $c12)
            (i8x16.add
              (v128.and (local.get $p1) (local.get $p2))
              (v128.and (local.get $q1) (local.get $q2)))))
          (local.set $c012 (i8x16.add (local.get $c012)
            (i8x16.add
              (v128.and (local.get $p01) (local.get $p2))
              (v128.and (local.get $q01) (local.get $q2)))))
          (local.set $c03 (i8x16.add (local.get $c03)
            (i8x16.add
              (v128.and (local.get $p0) (local.get $p3))
              (v128.and (local.get $q0) (local.get $q3)))))
          (local.set $c13 (i8x16.add (local.get $c13)
            (i8x16.add
              (v128.and (local.get $p1) (local.get $p3))
              (v128.and (local.get $q1) (local.get $q3)))))
          (local.set $at (i32.add (local.get $at) (i32.const 64)))
          (br_if $steps (i32.lt_u (local.get $at) (local.get $stop))))
        ;; Both nibbles of a counter count the same thing: add them into its byte counter (ten,
        ;; 16 bytes apart, from 262560).
        (v128.store offset=262560 (i32.const 0) (i8x16.add (v128.load offset=262560 (i32.const 0))
          (i8x16.add (v128.and (local.get $c0) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c0) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262576 (i32.const 0) (i8x16.add (v128.load offset=262576 (i32.const 0))
          (i8x16.add (v128.and (local.get $c1) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c1) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262592 (i32.const 0) (i8x16.add (v128.load offset=262592 (i32.const 0))
          (i8x16.add (v128.and (local.get $c2) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c2) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262608 (i32.const 0) (i8x16.add (v128.load offset=262608 (i32.const 0))
          (i8x16.add (v128.and (local.get $c3) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c3) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262624 (i32.const 0) (i8x16.add (v128.load offset=262624 (i32.const 0))
          (i8x16.add (v128.and (local.get $c01) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c01) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262640 (i32.const 0) (i8x16.add (v128.load offset=262640 (i32.const 0))
          (i8x16.add (v128.and (local.get $c02) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c02) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262656 (i32.const 0) (i8x16.add (v128.load offset=262656 (i32.const 0))
          (i8x16.add (v128.and (local.get $c12) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c12) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262672 (i32.const 0) (i8x16.add (v128.load offset=262672 (i32.const 0))
          (i8x16.add (v128.and (local.get $c012) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c012) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262688 (i32.const 0) (i8x16.add (v128.load offset=262688 (i32.const 0))
          (i8x16.add (v128.and (local.get $c03) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c03) (i32.const 4)) (local.get $nibble)))))
        (v128.store offset=262704 (i32.const 0) (i8x16.add (v128.load offset=262704 (i32.const 0))
          (i8x16.add (v128.and (local.get $c13) (local.get $nibble))
            (v128.and (i16x8.shr_u (local.get $c13) (i32.const 4)) (local.get $nibble)))))
        (br_if $nibbles (i32.lt_u (local.get $at) (local.get $blockEnd))))
      ;; The byte counters, widened into the totals, and cleared.
      (local.set $j (i32.const 0))
      (loop $widen
        (v128.store offset=262144 (local.get $j)
          (i32x4.add (v128.load offset=262144 (local.get $j))
            (i32x4.extadd_pairwise_i16x8_u
              (i16x8.extadd_pairwise_i8x16_u (v128.load offset=262560 (local.get $j))))))
        (v128.store offset=262560 (local.get $j) (local.get $zero))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $widen (i32.lt_u (local.get $j) (i32.const 160))))
      (br_if $blocks (i32.lt_u (local.get $at) (local.get $end))))
    (v128.store (i32.const 262304) (local.get $largest)))

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
