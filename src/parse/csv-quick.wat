;; Field bounds of a report row, in WebAssembly: csv-quick.ts's split, its commas found 16
;; bytes at a time. csv-quick.ts copies the bounds it needs out and decides the row;
;; scripts/quick-line-wasm.mjs builds this file into csv-quick-wasm.ts.
;;
;; Memory: field starts at 0 and ends at 2048 (i32, up to 512 fields), quote flags at 4096
;; (a byte per field), results at 4608 (the row holds a quote; how many fields have
;; bounds), a chunk at 8192 (up to 65,536 bytes), a single row at 81,920 (up to 65,472
;; bytes). A search reads up to 15 bytes past its end: each area is followed by slack.
;; Bounds are stored less `base`, as places in the caller's buffer.
(module
  (memory (export "memory") 3)

  ;; split's outcomes (csv-quick.ts's Split): 0 done, 1 not as the careful splitter
  ;; would read it (or another field count), 2 a quoted field does not close.

  ;; The first place of byte $b in [$p, $end), or $end.
  (func $next (param $p i32) (param $end i32) (param $b i32) (result i32)
    (local $mask i32) (local $splat v128)
    (local.set $splat (i8x16.splat (local.get $b)))
    (block $none
      (loop $scan
        (br_if $none (i32.ge_s (local.get $p) (local.get $end)))
        (local.set $mask (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (local.get $splat))))
        (if (local.get $mask)
          (then
            (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $mask))))
            (return (select (local.get $p) (local.get $end) (i32.lt_s (local.get $p) (local.get $end))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $scan)))
    (local.get $end))

  ;; Bit i set where byte $p + i is a comma and $p + i < $end.
  (func $commasAt (param $p i32) (param $end i32) (result i32)
    (local $mask i32)
    (local.set $mask (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 44)))))
    (if (result i32) (i32.ge_s (i32.sub (local.get $end) (local.get $p)) (i32.const 16))
      (then (local.get $mask))
      (else (i32.and (local.get $mask) (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $p))) (i32.const 1))))))

  ;; The commas in [$p, $end).
  (func $countCommas (param $p i32) (param $end i32) (result i32)
    (local $commas i32)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $p) (local.get $end)))
        (local.set $commas (i32.add (local.get $commas) (i32.popcnt (call $commasAt (local.get $p) (local.get $end)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $commas))

  ;; The outcome of a split that bounded its first $bounded fields and found $fields in all.
  (func $counted (param $fields i32) (param $bounded i32) (param $count i32) (result i32)
    (i32.store offset=4612 (i32.const 0) (local.get $bounded))
    (select (i32.const 0) (i32.const 1) (i32.eq (local.get $fields) (local.get $count))))

  ;; Splits [$from, $end), which holds no quote, into fields from $field on; fields from
  ;; $bounded on are only counted.
  (func $splitPlain (param $from i32) (param $end i32) (param $field i32) (param $bounded i32) (param $count i32) (param $base i32) (result i32)
    (local $p i32) (local $mask i32) (local $comma i32)
    (i32.store (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $from) (local.get $base)))
    (local.set $p (local.get $from))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $p) (local.get $end)))
        (local.set $mask (call $commasAt (local.get $p) (local.get $end)))
        (block $noMore
          (loop $commas
            (br_if $noMore (i32.eqz (local.get $mask)))
            (local.set $comma (i32.add (local.get $p) (i32.ctz (local.get $mask))))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (i32.store offset=2048 (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $comma) (local.get $base)))
            (local.set $field (i32.add (local.get $field) (i32.const 1)))
            (if (i32.eq (local.get $field) (local.get $count)) (then (return (i32.const 1))))
            (i32.store (i32.shl (local.get $field) (i32.const 2)) (i32.sub (i32.add (local.get $comma) (i32.const 1)) (local.get $base)))
            (if (i32.eq (local.get $field) (local.get $bounded))
              (then
                (return
                  (call $counted
                    (i32.add (i32.add (local.get $field) (i32.const 1)) (call $countCommas (i32.add (local.get $comma) (i32.const 1)) (local.get $end)))
                    (local.get $bounded)
                    (local.get $count)))))
            (br $commas)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (i32.store offset=2048 (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $end) (local.get $base)))
    (call $counted (i32.add (local.get $field) (i32.const 1)) (local.get $count) (local.get $count)))

  (func $isBlank (param $b i32) (result i32)
    (i32.or (i32.eq (local.get $b) (i32.const 32)) (i32.eq (local.get $b) (i32.const 9))))

  ;; Splits [$start, $end), which holds a quote, as the careful splitter would.
  (func $splitQuoted (param $start i32) (param $end i32) (param $bounded i32) (param $count i32) (param $base i32) (result i32)
    (local $field i32) (local $at i32) (local $from i32) (local $q i32) (local $after i32) (local $to i32) (local $b i32)
    (local.set $at (local.get $start))
    (block $rowDone
      (loop $fields
        (if (i32.eq (local.get $field) (local.get $count)) (then (return (i32.const 1))))
        (if (i32.eq (local.get $field) (local.get $bounded))
          (then
            (if (i32.ge_s (call $next (local.get $at) (local.get $end) (i32.const 34)) (local.get $end))
              (then
                (i32.store (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $at) (local.get $base)))
                (return
                  (call $counted
                    (i32.add (i32.add (local.get $field) (i32.const 1)) (call $countCommas (local.get $at) (local.get $end)))
                    (local.get $bounded)
                    (local.get $count)))))))
        (local.set $from (local.get $at))
        (block $blanksDone
          (loop $blanks
            (br_if $blanksDone (i32.ge_s (local.get $from) (local.get $end)))
            (br_if $blanksDone (i32.eqz (call $isBlank (i32.load8_u (local.get $from)))))
            (local.set $from (i32.add (local.get $from) (i32.const 1)))
            (br $blanks)))
        (if (i32.and (i32.lt_s (local.get $from) (local.get $end)) (i32.eq (i32.load8_u (local.get $from)) (i32.const 34)))
          (then
            ;; A quoted field: its closing quote is the first not doubled.
            (local.set $q (i32.add (local.get $from) (i32.const 1)))
            (block $closed
              (loop $quotes
                (local.set $q (call $next (local.get $q) (local.get $end) (i32.const 34)))
                (if (i32.ge_s (local.get $q) (local.get $end)) (then (return (i32.const 2))))
                (if (i32.and
                      (i32.eq (i32.load8_u offset=1 (local.get $q)) (i32.const 34))
                      (i32.lt_s (i32.add (local.get $q) (i32.const 1)) (local.get $end)))
                  (then
                    (local.set $q (i32.add (local.get $q) (i32.const 2)))
                    (br $quotes)))))
            (local.set $after (i32.add (local.get $q) (i32.const 1)))
            (block $afterDone
              (loop $afterBlanks
                (br_if $afterDone (i32.ge_s (local.get $after) (local.get $end)))
                (br_if $afterDone (i32.eqz (call $isBlank (i32.load8_u (local.get $after)))))
                (local.set $after (i32.add (local.get $after) (i32.const 1)))
                (br $afterBlanks)))
            (i32.store (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $from) (local.get $base)))
            (i32.store offset=2048 (i32.shl (local.get $field) (i32.const 2)) (i32.sub (i32.add (local.get $q) (i32.const 1)) (local.get $base)))
            (i32.store8 offset=4096 (local.get $field) (i32.const 1))
            (local.set $field (i32.add (local.get $field) (i32.const 1)))
            (br_if $rowDone (i32.eq (local.get $after) (local.get $end)))
            (if (i32.ne (i32.load8_u (local.get $after)) (i32.const 44)) (then (return (i32.const 1))))
            (local.set $at (i32.add (local.get $after) (i32.const 1))))
          (else
            ;; An unquoted field: up to the next comma, and no quote in it.
            (local.set $to (local.get $at))
            (block $fieldEnd
              (loop $bytes
                (br_if $fieldEnd (i32.ge_s (local.get $to) (local.get $end)))
                (local.set $b (i32.load8_u (local.get $to)))
                (br_if $fieldEnd (i32.eq (local.get $b) (i32.const 44)))
                (if (i32.eq (local.get $b) (i32.const 34)) (then (return (i32.const 1))))
                (local.set $to (i32.add (local.get $to) (i32.const 1)))
                (br $bytes)))
            (i32.store (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $at) (local.get $base)))
            (i32.store offset=2048 (i32.shl (local.get $field) (i32.const 2)) (i32.sub (local.get $to) (local.get $base)))
            (i32.store8 offset=4096 (local.get $field) (i32.const 0))
            (local.set $field (i32.add (local.get $field) (i32.const 1)))
            (br_if $rowDone (i32.eq (local.get $to) (local.get $end)))
            (local.set $at (i32.add (local.get $to) (i32.const 1)))))
        (br $fields)))
    (call $counted (local.get $field) (local.get $count) (local.get $count)))

  ;; Bounds the first $bounded fields of the row [$start, $end) of $count fields, and
  ;; counts the rest.
  (func (export "split") (param $start i32) (param $end i32) (param $bounded i32) (param $count i32) (param $base i32) (result i32)
    (local $quoted i32)
    (local.set $quoted (i32.lt_s (call $next (local.get $start) (local.get $end) (i32.const 34)) (local.get $end)))
    (i32.store offset=4608 (i32.const 0) (local.get $quoted))
    (if (result i32) (local.get $quoted)
      (then (call $splitQuoted (local.get $start) (local.get $end) (local.get $bounded) (local.get $count) (local.get $base)))
      (else (call $splitPlain (local.get $start) (local.get $end) (i32.const 0) (local.get $bounded) (local.get $count) (local.get $base)))))

  ;; Bounds the fields from $field on, starting at $from, which the last split only counted
  ;; (they hold no quote).
  (func (export "splitRest") (param $from i32) (param $end i32) (param $field i32) (param $count i32) (param $base i32) (result i32)
    (call $splitPlain (local.get $from) (local.get $end) (local.get $field) (local.get $count) (local.get $count) (local.get $base)))
)
