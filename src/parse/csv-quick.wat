;; The fast path of a report row, in WebAssembly: csv-quick.ts's split (its commas found 16
;; bytes at a time), the check of its Date & Time, and the cache of decisions by its
;; deciding fields. csv-quick.ts configures it for a header, computes a decision the
;; cache lacks, and reads a kept row's fields; scripts/build-wasm.mjs builds this
;; file into csv-quick-wasm.ts.
;;
;; Memory: field starts at 0 and ends at 2048 (i32, up to 512 fields), quote flags at 4096
;; (a byte per field), results at 4608 (the row holds a quote; how many fields have
;; bounds; a kept row's kind code; for scanRows, the rows taken), a single row at 81,920
;; (up to 65,472 bytes), a chunk at 1,310,720 (up to 262,144 bytes), the decisions' hash
;; table at 147,456 (8,192 slots: an entry's number plus one) and their entries at 180,224
;; (4,096 of 264 bytes: the length of the deciding fields' bytes, each followed by a
;; comma; the kind code; those bytes). A search reads up to 15 bytes past its end: each
;; area is followed by slack. Bounds are stored less `base`, as places in the caller's
;; buffer.
(module
  (memory (export "memory") 25)

  ;; The header's layout (configure): its field count, how many leading fields classify a
  ;; row, the Date & Time column, the deciding columns (-1 where absent).
  (global $count (mut i32) (i32.const 0))
  (global $classifying (mut i32) (i32.const 0))
  (global $time (mut i32) (i32.const 0))
  (global $d0 (mut i32) (i32.const -1))
  (global $d1 (mut i32) (i32.const -1))
  (global $d2 (mut i32) (i32.const -1))
  (global $d3 (mut i32) (i32.const -1))
  ;; Decisions cached, and the last row classified: its base and its deciding bytes' hash.
  (global $decisions (mut i32) (i32.const 0))
  (global $base (mut i32) (i32.const 0))
  (global $hash (mut i32) (i32.const 0))

  ;; split's outcomes: 0 done, 1 not as the careful splitter
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
  (func $split (param $start i32) (param $end i32) (param $bounded i32) (param $count i32) (param $base i32) (result i32)
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
;; Sets the header's layout and empties the decision cache.
  (func (export "configure") (param $count i32) (param $classifying i32) (param $time i32)
    (param $d0 i32) (param $d1 i32) (param $d2 i32) (param $d3 i32)
    (global.set $count (local.get $count))
    (global.set $classifying (local.get $classifying))
    (global.set $time (local.get $time))
    (global.set $d0 (local.get $d0))
    (global.set $d1 (local.get $d1))
    (global.set $d2 (local.get $d2))
    (global.set $d3 (local.get $d3))
    (global.set $decisions (i32.const 0))
    (memory.fill (i32.const 147456) (i32.const 0) (i32.const 32768)))

  ;; Two decimal digits at $p as a number.
  (func $two (param $p i32) (result i32)
    (i32.add
      (i32.mul (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 10))
      (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48))))

  ;; Bit i set where byte $p + i is a digit, for the 16 bytes at $p.
  (func $digits (param $p i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load (local.get $p)))
    (i8x16.bitmask
      (v128.and
        (i8x16.ge_u (local.get $v) (i8x16.splat (i32.const 48)))
        (i8x16.le_u (local.get $v) (i8x16.splat (i32.const 57))))))

  (func $daysInMonth (param $year i32) (param $month i32) (result i32)
    (if (i32.eq (local.get $month) (i32.const 2))
      (then
        (return
          (select (i32.const 29) (i32.const 28)
            (i32.and
              (i32.eqz (i32.rem_u (local.get $year) (i32.const 4)))
              (i32.or
                (i32.ne (i32.rem_u (local.get $year) (i32.const 100)) (i32.const 0))
                (i32.eqz (i32.rem_u (local.get $year) (i32.const 400)))))))))
    (select (i32.const 30) (i32.const 31)
      (i32.or
        (i32.or (i32.eq (local.get $month) (i32.const 4)) (i32.eq (local.get $month) (i32.const 6)))
        (i32.or (i32.eq (local.get $month) (i32.const 9)) (i32.eq (local.get $month) (i32.const 11))))))

  ;; YYYY-MM-DD[ T]HH:MM:SS[.,fraction] in [$from, $to), spaces around, naming a real day and time.
  (func $validTime (param $from i32) (param $to i32) (result i32)
    (local $n i32) (local $b i32) (local $i i32) (local $month i32) (local $day i32)
    (block $done
      (loop $lead
        (br_if $done (i32.ge_s (local.get $from) (local.get $to)))
        (br_if $done (i32.ne (i32.load8_u (local.get $from)) (i32.const 32)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $lead)))
    (block $done
      (loop $trail
        (br_if $done (i32.le_s (local.get $to) (local.get $from)))
        (br_if $done (i32.ne (i32.load8_u (i32.sub (local.get $to) (i32.const 1))) (i32.const 32)))
        (local.set $to (i32.sub (local.get $to) (i32.const 1)))
        (br $trail)))
    (local.set $n (i32.sub (local.get $to) (local.get $from)))
    (if (i32.or (i32.or (i32.lt_s (local.get $n) (i32.const 19)) (i32.eq (local.get $n) (i32.const 20))) (i32.gt_s (local.get $n) (i32.const 29)))
      (then (return (i32.const 0))))
    ;; Digits at 0-3, 5-6, 8-9, 11-12, 14-15, 17-18; dashes at 4 and 7; colons at 13 and 16.
    (if (i32.ne (i32.and (call $digits (local.get $from)) (i32.const 0xdb6f)) (i32.const 0xdb6f)) (then (return (i32.const 0))))
    (if (i32.ne (i32.and (call $digits (i32.add (local.get $from) (i32.const 16))) (i32.const 6)) (i32.const 6)) (then (return (i32.const 0))))
    (if (i32.or
          (i32.or (i32.ne (i32.load8_u offset=4 (local.get $from)) (i32.const 45)) (i32.ne (i32.load8_u offset=7 (local.get $from)) (i32.const 45)))
          (i32.or (i32.ne (i32.load8_u offset=13 (local.get $from)) (i32.const 58)) (i32.ne (i32.load8_u offset=16 (local.get $from)) (i32.const 58))))
      (then (return (i32.const 0))))
    (local.set $b (i32.load8_u offset=10 (local.get $from)))
    (if (i32.and (i32.ne (local.get $b) (i32.const 32)) (i32.ne (local.get $b) (i32.const 84))) (then (return (i32.const 0))))
    (if (i32.gt_s (local.get $n) (i32.const 19))
      (then
        (local.set $b (i32.load8_u offset=19 (local.get $from)))
        (if (i32.and (i32.ne (local.get $b) (i32.const 46)) (i32.ne (local.get $b) (i32.const 44))) (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $from) (i32.const 20)))
        (block $done
          (loop $fraction
            (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
            (if (i32.ge_u (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)) (i32.const 10)) (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $fraction)))))
    (local.set $month (call $two (i32.add (local.get $from) (i32.const 5))))
    (local.set $day (call $two (i32.add (local.get $from) (i32.const 8))))
    (i32.and
      (i32.and
        (i32.and
          (i32.le_u (call $two (i32.add (local.get $from) (i32.const 11))) (i32.const 23))
          (i32.le_u (call $two (i32.add (local.get $from) (i32.const 14))) (i32.const 59)))
        (i32.and
          (i32.le_u (call $two (i32.add (local.get $from) (i32.const 17))) (i32.const 60))
          (i32.and (i32.ge_s (local.get $month) (i32.const 1)) (i32.le_s (local.get $month) (i32.const 12)))))
      (i32.and
        (i32.ge_s (local.get $day) (i32.const 1))
        (i32.le_s (local.get $day)
          (call $daysInMonth
            (i32.add (i32.mul (call $two (local.get $from)) (i32.const 100)) (call $two (i32.add (local.get $from) (i32.const 2))))
            (local.get $month))))))

  ;; Whether [$a, $a + $length) and [$b, $b + $length) hold the same bytes.
  (func $same (param $a i32) (param $b i32) (param $length i32) (result i32)
    (local $k i32) (local $mask i32)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s (local.get $k) (local.get $length)))
        (local.set $mask
          (i8x16.bitmask
            (i8x16.eq
              (v128.load (i32.add (local.get $a) (local.get $k)))
              (v128.load (i32.add (local.get $b) (local.get $k))))))
        (if (i32.lt_s (i32.sub (local.get $length) (local.get $k)) (i32.const 16))
          (then (local.set $mask (i32.or (local.get $mask) (i32.shl (i32.const -1) (i32.sub (local.get $length) (local.get $k)))))))
        (if (i32.ne (i32.and (local.get $mask) (i32.const 0xffff)) (i32.const 0xffff)) (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $blocks)))
    (i32.const 1))

  ;; The column of deciding field $n (0 to 3), -1 when absent.
  (func $decidingField (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (global.get $d0))
      (else (if (result i32) (i32.eq (local.get $n) (i32.const 1)) (then (global.get $d1))
        (else (if (result i32) (i32.eq (local.get $n) (i32.const 2)) (then (global.get $d2)) (else (global.get $d3))))))))

  ;; The cached decision for the last split row's deciding fields: its kind code, or -1.
  ;; Sets $hash for rememberDecision.
  (func $cachedDecision (result i32)
    (local $n i32) (local $i i32) (local $from i32) (local $to i32) (local $hash i32) (local $length i32)
    (local $slot i32) (local $entry i32) (local $at i32) (local $found i32)
    (loop $fields
      (local.set $i (call $decidingField (local.get $n)))
      (if (i32.ge_s (local.get $i) (i32.const 0))
        (then
          (local.set $from (i32.add (i32.load (i32.shl (local.get $i) (i32.const 2))) (global.get $base)))
          (local.set $to (i32.add (i32.load offset=2048 (i32.shl (local.get $i) (i32.const 2))) (global.get $base)))
          (local.set $hash (i32.add (i32.mul (local.get $hash) (i32.const 31)) (i32.sub (local.get $to) (local.get $from))))
          (if (i32.gt_s (local.get $to) (local.get $from))
            (then
              (local.set $hash
                (i32.add
                  (i32.mul (local.get $hash) (i32.const 961))
                  (i32.add
                    (i32.mul (i32.load8_u (local.get $from)) (i32.const 31))
                    (i32.load8_u (i32.sub (local.get $to) (i32.const 1))))))))
          (local.set $length (i32.add (local.get $length) (i32.add (i32.sub (local.get $to) (local.get $from)) (i32.const 1))))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $fields (i32.lt_u (local.get $n) (i32.const 4))))
    (global.set $hash (local.get $hash))
    ;; Linear probing from the hash's slot to an empty one.
    (local.set $slot (i32.and (local.get $hash) (i32.const 8191)))
    (block $miss
      (loop $probe
        (local.set $entry (i32.load offset=147456 (i32.shl (local.get $slot) (i32.const 2))))
        (br_if $miss (i32.eqz (local.get $entry)))
        (local.set $entry (i32.add (i32.const 180224) (i32.mul (i32.sub (local.get $entry) (i32.const 1)) (i32.const 264))))
        (if (i32.eq (i32.load (local.get $entry)) (local.get $length))
          (then
            ;; Each deciding field's bytes and a comma.
            (local.set $found (i32.const 1))
            (local.set $at (i32.add (local.get $entry) (i32.const 8)))
            (local.set $n (i32.const 0))
            (block $compared
              (loop $fields
                (local.set $i (call $decidingField (local.get $n)))
                (if (i32.ge_s (local.get $i) (i32.const 0))
                  (then
                    (local.set $from (i32.add (i32.load (i32.shl (local.get $i) (i32.const 2))) (global.get $base)))
                    (local.set $to (i32.add (i32.load offset=2048 (i32.shl (local.get $i) (i32.const 2))) (global.get $base)))
                    (if (i32.or
                          (i32.eqz (call $same (local.get $at) (local.get $from) (i32.sub (local.get $to) (local.get $from))))
                          (i32.ne (i32.load8_u (i32.add (local.get $at) (i32.sub (local.get $to) (local.get $from)))) (i32.const 44)))
                      (then
                        (local.set $found (i32.const 0))
                        (br $compared)))
                    (local.set $at (i32.add (local.get $at) (i32.add (i32.sub (local.get $to) (local.get $from)) (i32.const 1))))))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (br_if $fields (i32.lt_u (local.get $n) (i32.const 4)))))
            (if (local.get $found) (then (return (i32.load offset=4 (local.get $entry)))))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const 8191)))
        (br $probe)))
    (i32.const -1))

  ;; Caches $code as the decision for the last row classified (classifyRow said 4), while
  ;; fewer than 4,096 are and its deciding bytes are at most 256.
  (func (export "rememberDecision") (param $code i32)
    (local $n i32) (local $i i32) (local $from i32) (local $length i32) (local $entry i32) (local $at i32) (local $slot i32)
    (if (i32.ge_u (global.get $decisions) (i32.const 4096)) (then (return)))
    (loop $fields
      (local.set $i (call $decidingField (local.get $n)))
      (if (i32.ge_s (local.get $i) (i32.const 0))
        (then
          (local.set $length
            (i32.add (local.get $length)
              (i32.add (i32.sub (i32.load offset=2048 (i32.shl (local.get $i) (i32.const 2))) (i32.load (i32.shl (local.get $i) (i32.const 2)))) (i32.const 1))))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $fields (i32.lt_u (local.get $n) (i32.const 4))))
    (if (i32.gt_s (local.get $length) (i32.const 256)) (then (return)))
    (local.set $entry (i32.add (i32.const 180224) (i32.mul (global.get $decisions) (i32.const 264))))
    (i32.store (local.get $entry) (local.get $length))
    (i32.store offset=4 (local.get $entry) (local.get $code))
    (local.set $at (i32.add (local.get $entry) (i32.const 8)))
    (local.set $n (i32.const 0))
    (loop $fields
      (local.set $i (call $decidingField (local.get $n)))
      (if (i32.ge_s (local.get $i) (i32.const 0))
        (then
          (local.set $from (i32.add (i32.load (i32.shl (local.get $i) (i32.const 2))) (global.get $base)))
          (local.set $length (i32.sub (i32.add (i32.load offset=2048 (i32.shl (local.get $i) (i32.const 2))) (global.get $base)) (local.get $from)))
          (memory.copy (local.get $at) (local.get $from) (local.get $length))
          (i32.store8 (i32.add (local.get $at) (local.get $length)) (i32.const 44))
          (local.set $at (i32.add (local.get $at) (i32.add (local.get $length) (i32.const 1))))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $fields (i32.lt_u (local.get $n) (i32.const 4))))
    (global.set $decisions (i32.add (global.get $decisions) (i32.const 1)))
    (local.set $slot (i32.and (global.get $hash) (i32.const 8191)))
    (block $free
      (loop $probe
        (br_if $free (i32.eqz (i32.load offset=147456 (i32.shl (local.get $slot) (i32.const 2)))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const 8191)))
        (br $probe)))
    (i32.store offset=147456 (i32.shl (local.get $slot) (i32.const 2)) (global.get $decisions)))

  ;; What the careful reader does with the row [$start, $end) (one line, or lines joined
  ;; by a newline), as csv-quick.ts's QuickRow: 0 it decides; 1 it only counts; 2 it keeps
  ;; (the kind code at 4616: -2 when a deciding field is quoted, which the careful reader
  ;; decides); 3 a quoted field runs past the end; 4 the cache lacks the row's decision.
  ;; With 2 or 4 the row's classifying fields have bounds.
  (func $classifyRow (export "classifyRow") (param $start i32) (param $end i32) (param $base i32) (result i32)
    (local $first i32) (local $split i32) (local $n i32) (local $i i32) (local $code i32)
    (local.set $first (i32.load8_u (local.get $start)))
    (if (i32.or (i32.eq (local.get $start) (local.get $end)) (i32.or (i32.le_u (local.get $first) (i32.const 32)) (i32.ge_u (local.get $first) (i32.const 127))))
      (then (return (i32.const 0))))
    (global.set $base (local.get $base))
    (local.set $split (call $split (local.get $start) (local.get $end) (global.get $classifying) (global.get $count) (local.get $base)))
    (if (i32.eq (local.get $split) (i32.const 2)) (then (return (i32.const 3))))
    (if (local.get $split) (then (return (i32.const 0))))
    ;; The Date & Time: not quoted, and a real time.
    (if (i32.and (i32.load offset=4608 (i32.const 0)) (i32.load8_u offset=4096 (global.get $time))) (then (return (i32.const 0))))
    (if (i32.eqz
          (call $validTime
            (i32.add (i32.load (i32.shl (global.get $time) (i32.const 2))) (local.get $base))
            (i32.add (i32.load offset=2048 (i32.shl (global.get $time) (i32.const 2))) (local.get $base))))
      (then (return (i32.const 0))))
    ;; A quoted deciding field is for the careful reader.
    (if (i32.load offset=4608 (i32.const 0))
      (then
        (loop $fields
          (local.set $i (call $decidingField (local.get $n)))
          (if (i32.ge_s (local.get $i) (i32.const 0))
            (then
              (if (i32.load8_u offset=4096 (local.get $i))
                (then
                  (i32.store offset=4616 (i32.const 0) (i32.const -2))
                  (return (i32.const 2))))))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br_if $fields (i32.lt_u (local.get $n) (i32.const 4))))))
    (local.set $code (call $cachedDecision))
    (if (i32.lt_s (local.get $code) (i32.const 0)) (then (return (i32.const 4))))
    (if (i32.eqz (local.get $code)) (then (return (i32.const 1))))
    (i32.store offset=4616 (i32.const 0) (local.get $code))
    (i32.const 2))

  ;; Classifies the whole lines of a chunk from $p on (up to a newline before $end; a
  ;; carriage return before it is not the row's) while each is a row the careful reader
  ;; only counts. Returns where it stopped: at the start of a line it leaves to the caller,
  ;; or of the unfinished last one; the rows it took are at 4620.
  (func (export "scanRows") (param $p i32) (param $end i32) (param $base i32) (result i32)
    (local $nl i32) (local $rowEnd i32) (local $rows i32)
    (block $stop
      (loop $rows
        (local.set $nl (call $next (local.get $p) (local.get $end) (i32.const 10)))
        (br_if $stop (i32.ge_s (local.get $nl) (local.get $end)))
        (local.set $rowEnd (local.get $nl))
        (if (i32.and
              (i32.gt_s (local.get $rowEnd) (local.get $p))
              (i32.eq (i32.load8_u (i32.sub (local.get $rowEnd) (i32.const 1))) (i32.const 13)))
          (then (local.set $rowEnd (i32.sub (local.get $rowEnd) (i32.const 1)))))
        (br_if $stop (i32.ne (call $classifyRow (local.get $p) (local.get $rowEnd) (local.get $base)) (i32.const 1)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 1)))
        (local.set $p (i32.add (local.get $nl) (i32.const 1)))
        (br $rows)))
    (i32.store offset=4620 (i32.const 0) (local.get $rows))
    (local.get $p))
)
