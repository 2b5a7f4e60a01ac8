;; The byte checks of quick-line.ts's classifier, in WebAssembly: a line's structure and
;; its action's parts, found with 16-byte vector searches. quick-line.ts reads the
;; results and decides the action's kind; scripts/build-wasm.mjs builds this file
;; into quick-line-wasm.ts. Every test here mirrors one in quick-line.ts's history
;; (test/fast-path.test.ts holds the whole fast path to the careful parser's results).
;;
;; Memory: results at 0 (16 i32), a single line at 131,072 (up to 65,472 bytes), the
;; action cache at 196,608 (4,096 entries of 264 bytes: the length of a key-to-result run,
;; its kind's code, its bytes), a body's field starts at 1,277,952 and ends at 1,280,000
;; (i32, up to 512 fields), a chunk at 1,310,720 (up to 262,144 bytes: the gzip reader's
;; chunks fit). A search reads up to 15 bytes past its end: each area is followed by at
;; least 64 bytes of slack.
(module
  (memory (export "memory") 25)

  ;; classify's verdicts (quick-line.ts's Verdict)
  ;; 0 not an AM record; 1 a syslog record, 2 the same with the fallback date,
  ;; 3 an audit-file record (1-3: its action's parts are in the results); 5 the careful
  ;; parser decides.

  ;; The last head syslogBodyStart read: where the node field ends, the category's class.
  (global $nodeTo (mut i32) (i32.const 0))
  (global $recordClass (mut i32) (i32.const 0))

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

;; The predicates below are written out where they are used: V8 (Node 20) does not inline
;; one WebAssembly function into another, and a call per byte cost more than the search.

  (func $skipSpaces (param $at i32) (param $end i32) (result i32)
    (block $done
      (loop $skip
        (br_if $done (i32.ge_s (local.get $at) (local.get $end)))
        (br_if $done (i32.ne (i32.load8_u (local.get $at)) (i32.const 32)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $skip)))
    (local.get $at))

  ;; Bit i set where byte $p + i is a digit, for the 16 bytes at $p.
  (func $digits (param $p i32) (result i32)
    (local $v v128)
    (local.set $v (v128.load (local.get $p)))
    (i8x16.bitmask
      (v128.and
        (i8x16.ge_u (local.get $v) (i8x16.splat (i32.const 48)))
        (i8x16.le_u (local.get $v) (i8x16.splat (i32.const 57))))))

  ;; Bit i set where byte $p + i is $b, for the 16 bytes at $p.
  (func $bytesEqual (param $p i32) (param $b i32) (result i32)
    (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (local.get $b)))))

  ;; HH:MM:SS at $p (digits and colons only).
  (func $isClockAt (param $p i32) (result i32)
    (i32.and
      (i32.eq (i32.and (call $digits (local.get $p)) (i32.const 0xdb)) (i32.const 0xdb))
      (i32.eq (i32.and (call $bytesEqual (local.get $p) (i32.const 58)) (i32.const 0x24)) (i32.const 0x24))))

  (func $validClock (param $p i32) (result i32)
    (i32.and
      (i32.and
        (i32.le_u
          (i32.add (i32.mul (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)))
          (i32.const 23))
        (i32.le_u
          (i32.add (i32.mul (i32.sub (i32.load8_u offset=3 (local.get $p)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=4 (local.get $p)) (i32.const 48)))
          (i32.const 59)))
      (i32.le_u
        (i32.add (i32.mul (i32.sub (i32.load8_u offset=6 (local.get $p)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=7 (local.get $p)) (i32.const 48)))
        (i32.const 60))))

  ;; YYYY-MM-DD at $p (digits and dashes only).
  (func $isDateAt (param $p i32) (result i32)
    (i32.and
      (i32.eq (i32.and (call $digits (local.get $p)) (i32.const 0x36f)) (i32.const 0x36f))
      (i32.eq (i32.and (call $bytesEqual (local.get $p) (i32.const 45)) (i32.const 0x90)) (i32.const 0x90))))

  ;; time.ts's daysInMonth: the Gregorian calendar.
  (func $daysInMonth (param $year i32) (param $month i32) (result i32)
    (local $days i32)
    ;; 31 28 31 30 31 30 31 31 30 31 30 31
    (local.set $days
      (if (result i32) (i32.eq (local.get $month) (i32.const 2))
        (then (i32.const 28))
        (else
          (if (result i32)
            (i32.or
              (i32.or (i32.eq (local.get $month) (i32.const 4)) (i32.eq (local.get $month) (i32.const 6)))
              (i32.or (i32.eq (local.get $month) (i32.const 9)) (i32.eq (local.get $month) (i32.const 11))))
            (then (i32.const 30))
            (else (i32.const 31))))))
    (if (i32.and
          (i32.eq (local.get $month) (i32.const 2))
          (i32.and
            (i32.eqz (i32.rem_u (local.get $year) (i32.const 4)))
            (i32.or
              (i32.ne (i32.rem_u (local.get $year) (i32.const 100)) (i32.const 0))
              (i32.eqz (i32.rem_u (local.get $year) (i32.const 400))))))
      (then (local.set $days (i32.const 29))))
    (local.get $days))

  (func $validDate (param $p i32) (result i32)
    (local $year i32) (local $month i32) (local $day i32)
    (local.set $year
      (i32.add
        (i32.add
          (i32.mul (i32.sub (i32.load8_u (local.get $p)) (i32.const 48)) (i32.const 1000))
          (i32.mul (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 48)) (i32.const 100)))
        (i32.add (i32.mul (i32.sub (i32.load8_u offset=2 (local.get $p)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=3 (local.get $p)) (i32.const 48)))))
    (local.set $month (i32.add (i32.mul (i32.sub (i32.load8_u offset=5 (local.get $p)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=6 (local.get $p)) (i32.const 48))))
    (local.set $day (i32.add (i32.mul (i32.sub (i32.load8_u offset=8 (local.get $p)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=9 (local.get $p)) (i32.const 48))))
    (if (i32.or (i32.lt_s (local.get $month) (i32.const 1)) (i32.gt_s (local.get $month) (i32.const 12)))
      (then (return (i32.const 0))))
    (i32.and
      (i32.ge_s (local.get $day) (i32.const 1))
      (i32.le_s (local.get $day) (call $daysInMonth (local.get $year) (local.get $month)))))

  ;; Whether the careful parser's AM time (YYYY-MM-DD HH: ?MM:SS,mmm,) has its first comma
  ;; at $comma.
  (func $amStampEndsAt (param $start i32) (param $comma i32) (param $end i32) (result i32)
    (local $hms i32) (local $spaced i32)
    (if (i32.ge_s (i32.add (local.get $comma) (i32.const 4)) (local.get $end)) (then (return (i32.const 0))))
    (if (i32.ne (i32.load8_u offset=4 (local.get $comma)) (i32.const 44)) (then (return (i32.const 0))))
    (if (i32.ne (i32.and (call $digits (i32.add (local.get $comma) (i32.const 1))) (i32.const 7)) (i32.const 7))
      (then (return (i32.const 0))))
    (local.set $hms (i32.sub (local.get $comma) (i32.const 8)))
    (if (i32.ge_s (i32.sub (local.get $hms) (i32.const 11)) (local.get $start))
      (then
        (if (i32.and
              (i32.and (call $isClockAt (local.get $hms)) (i32.eq (i32.load8_u (i32.sub (local.get $hms) (i32.const 1))) (i32.const 32)))
              (call $isDateAt (i32.sub (local.get $hms) (i32.const 11))))
          (then (return (i32.const 1))))))
    ;; The variant with a space after the hour: "HH: MM:SS".
    (local.set $spaced (i32.sub (local.get $comma) (i32.const 9)))
    (if (i32.lt_s (i32.sub (local.get $spaced) (i32.const 11)) (local.get $start)) (then (return (i32.const 0))))
    (i32.and
      (i32.and
        (i32.and
          (i32.eq (i32.load8_u (i32.sub (local.get $spaced) (i32.const 1))) (i32.const 32))
          (call $isDateAt (i32.sub (local.get $spaced) (i32.const 11))))
        (i32.eq (i32.and (call $digits (local.get $spaced)) (i32.const 0x1b3)) (i32.const 0x1b3)))
      (i32.and
        (i32.eq (i32.and (call $bytesEqual (local.get $spaced) (i32.const 58)) (i32.const 0x44)) (i32.const 0x44))
        (i32.eq (i32.load8_u offset=3 (local.get $spaced)) (i32.const 32)))))

  ;; Whether an AM time ends at a comma at or after $from: its seconds' colon is 3 bytes
  ;; before that comma.
  (func $hasAmStampAfter (param $start i32) (param $from i32) (param $end i32) (result i32)
    (local $colon i32) (local $limit i32)
    (local.set $colon (i32.sub (local.get $from) (i32.const 3)))
    (if (i32.lt_s (local.get $colon) (local.get $start)) (then (local.set $colon (local.get $start))))
    (local.set $limit (i32.sub (local.get $end) (i32.const 3)))
    (block $none
      (loop $colons
        (local.set $colon (call $next (local.get $colon) (local.get $limit) (i32.const 58)))
        (br_if $none (i32.ge_s (local.get $colon) (local.get $limit)))
        (if (i32.eq (i32.load8_u offset=3 (local.get $colon)) (i32.const 44))
          (then
            (if (call $amStampEndsAt (local.get $start) (i32.add (local.get $colon) (i32.const 3)) (local.get $end))
              (then (return (i32.const 1))))))
        (local.set $colon (i32.add (local.get $colon) (i32.const 1)))
        (br $colons)))
    (i32.const 0))

  ;; Whether [$p, $p + 8) holds the ASCII text of $word (lowest byte first), within $end.
  (func $startsWith (param $p i32) (param $end i32) (param $word i64) (param $length i32) (result i32)
    (local $mask i64)
    (if (i32.gt_s (i32.add (local.get $p) (local.get $length)) (local.get $end)) (then (return (i32.const 0))))
    (local.set $mask
      (if (result i64) (i32.eq (local.get $length) (i32.const 8))
        (then (i64.const -1))
        (else (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.mul (local.get $length) (i32.const 8)))) (i64.const 1)))))
    (i64.eq (i64.and (i64.load (local.get $p)) (local.get $mask)) (local.get $word)))

  ;; The careful parser's syslog head after the AM time: "node, <category>, <LEVEL>," with
  ;; the category under audit.runtime., audit.admin. or system. Where the body starts; -1
  ;; when the careful parser finds no syslog head here; -2 when it must decide.
  (func $syslogBodyStart (param $from i32) (param $end i32) (result i32)
    (local $c2 i32) (local $at i32) (local $b i32) (local $level i32)
    (local.set $c2 (call $next (local.get $from) (local.get $end) (i32.const 44)))
    (if (i32.eq (local.get $c2) (local.get $end)) (then (return (i32.const -1))))
    (global.set $nodeTo (local.get $c2))
    (local.set $at (call $skipSpaces (i32.add (local.get $c2) (i32.const 1)) (local.get $end)))
    (if (i32.lt_s (local.get $at) (local.get $end))
      (then
        (local.set $b (i32.load8_u (local.get $at)))
        (if (i32.or (i32.lt_u (local.get $b) (i32.const 32)) (i32.ge_u (local.get $b) (i32.const 127)))
          (then (return (i32.const -2))))))
    ;; "audit." 0x2e7469647561, "runtime." 0x2e656d69746e7572, "admin." 0x2e6e696d6461,
    ;; "system." 0x2e6d6574737973
    (if (call $startsWith (local.get $at) (local.get $end) (i64.const 0x2e7469647561) (i32.const 6))
      (then
        (local.set $at (i32.add (local.get $at) (i32.const 6)))
        (if (call $startsWith (local.get $at) (local.get $end) (i64.const 0x2e656d69746e7572) (i32.const 8))
          (then
            (local.set $at (i32.add (local.get $at) (i32.const 8)))
            (global.set $recordClass (i32.const 0)))
          (else
            (if (call $startsWith (local.get $at) (local.get $end) (i64.const 0x2e6e696d6461) (i32.const 6))
              (then
                (local.set $at (i32.add (local.get $at) (i32.const 6)))
                (global.set $recordClass (i32.const 1)))
              (else (return (i32.const -1)))))))
      (else
        (if (call $startsWith (local.get $at) (local.get $end) (i64.const 0x2e6d6574737973) (i32.const 7))
          (then
            (local.set $at (i32.add (local.get $at) (i32.const 7)))
            (global.set $recordClass (i32.const 2)))
          (else (return (i32.const -1))))))
    ;; The rest of the category: printable ASCII without blanks or commas.
    (block $done
      (loop $category
        (br_if $done (i32.ge_s (local.get $at) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $at)))
        (br_if $done (i32.le_u (local.get $b) (i32.const 32)))
        (br_if $done (i32.ge_u (local.get $b) (i32.const 127)))
        (br_if $done (i32.eq (local.get $b) (i32.const 44)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $category)))
    (local.set $at (call $skipSpaces (local.get $at) (local.get $end)))
    (if (i32.ge_s (local.get $at) (local.get $end)) (then (return (i32.const -2))))
    (if (i32.ne (i32.load8_u (local.get $at)) (i32.const 44)) (then (return (i32.const -2))))
    (local.set $at (call $skipSpaces (i32.add (local.get $at) (i32.const 1)) (local.get $end)))
    (local.set $level (local.get $at))
    (block $done
      (loop $letters
        (br_if $done (i32.ge_s (local.get $at) (local.get $end)))
        (br_if $done (i32.ge_u (i32.sub (i32.or (i32.load8_u (local.get $at)) (i32.const 32)) (i32.const 97)) (i32.const 26)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $letters)))
    (if (i32.eq (local.get $at) (local.get $level)) (then (return (i32.const -2))))
    (local.set $at (call $skipSpaces (local.get $at) (local.get $end)))
    (if (i32.and (i32.lt_s (local.get $at) (local.get $end)) (i32.eq (i32.load8_u (local.get $at)) (i32.const 44)))
      (then (return (i32.add (local.get $at) (i32.const 1)))))
    (i32.const -2))

  ;; Whether the careful parser might read [$from, $to) as a five-digit id once trimmed.
  (func $mayBeFiveDigits (param $from i32) (param $to i32) (result i32)
    (local $digits i32) (local $i i32) (local $b i32) (local $first i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_s (local.get $i) (local.get $to)))
        (local.set $b (i32.load8_u (local.get $i)))
        (if (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 10))
          (then (local.set $digits (i32.add (local.get $digits) (i32.const 1))))
          (else
            (if (i32.and (i32.gt_u (local.get $b) (i32.const 32)) (i32.lt_u (local.get $b) (i32.const 127)))
              (then (return (i32.const 0))))
            (if (i32.ne (local.get $b) (i32.const 32)) (then (return (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (if (i32.ne (local.get $digits) (i32.const 5)) (then (return (i32.const 0))))
    ;; Digits and spaces only: five digits in one run, spaces around them.
    (local.set $first (call $skipSpaces (local.get $from) (local.get $to)))
    (i32.and
      (i32.le_s (i32.add (local.get $first) (i32.const 5)) (local.get $to))
      (i32.lt_u (i32.sub (i32.load8_u offset=4 (local.get $first)) (i32.const 48)) (i32.const 10))))

  ;; The cache entry of a key-to-result run's hash.
  (func $entry (param $hash i32) (result i32)
    (i32.add (i32.const 196608) (i32.mul (i32.and (local.get $hash) (i32.const 4095)) (i32.const 264))))

  ;; The kind code cached for the run [$from, $to) of hash $hash, or -1.
  (func $cachedKind (param $from i32) (param $to i32) (param $hash i32) (result i32)
    (local $entry i32) (local $length i32) (local $k i32) (local $mask i32)
    (local.set $entry (call $entry (local.get $hash)))
    (local.set $length (i32.sub (local.get $to) (local.get $from)))
    (if (i32.ne (i32.load (local.get $entry)) (local.get $length)) (then (return (i32.const -1))))
    ;; 16 bytes at a time: every byte of the run equal (bits past its end do not count).
    (block $differs
      (loop $blocks
        (br_if $differs (i32.ge_s (local.get $k) (local.get $length)))
        (local.set $mask
          (i8x16.bitmask
            (i8x16.eq
              (v128.load offset=8 (i32.add (local.get $entry) (local.get $k)))
              (v128.load (i32.add (local.get $from) (local.get $k))))))
        (if (i32.lt_s (i32.sub (local.get $length) (local.get $k)) (i32.const 16))
          (then
            (local.set $mask
              (i32.or (local.get $mask) (i32.shl (i32.const -1) (i32.sub (local.get $length) (local.get $k)))))))
        (if (i32.ne (i32.and (local.get $mask) (i32.const 0xffff)) (i32.const 0xffff)) (then (return (i32.const -1))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $blocks)))
    (i32.load offset=4 (local.get $entry)))

  ;; Caches $code as the kind of the run the last classify found (results 0, 4 and 8), when
  ;; it is at most 256 bytes (a longer one is no action AM logs).
  (func (export "remember") (param $code i32)
    (local $from i32) (local $length i32) (local $entry i32)
    (local.set $from (i32.load offset=0 (i32.const 0)))
    (local.set $length (i32.sub (i32.load offset=4 (i32.const 0)) (local.get $from)))
    (if (i32.gt_s (local.get $length) (i32.const 256)) (then (return)))
    (local.set $entry (call $entry (i32.load offset=8 (i32.const 0))))
    (i32.store (local.get $entry) (local.get $length))
    (i32.store offset=4 (local.get $entry) (local.get $code))
    (memory.copy (i32.add (local.get $entry) (i32.const 8)) (local.get $from) (local.get $length)))

  ;; Body: record id, instance id, client IP, server IP, KEY, id, result. 1 when the
  ;; careful parser would find the key in the fifth field (the parts in the results),
  ;; 0 when it must decide.
  (func $body (param $body i32) (param $end i32) (result i32)
    (local $from i32) (local $to i32) (local $field i32) (local $at i32) (local $b i32)
    (local $hash i32) (local $keyFrom i32) (local $id i32)
    ;; Fields 1 to 4: no quotes, and none of fields 2 to 4 a five-digit id.
    (local.set $from (local.get $body))
    (block $fields
      (loop $field4
        (local.set $to (call $next (local.get $from) (local.get $end) (i32.const 44)))
        (if (i32.eq (local.get $to) (local.get $end)) (then (return (i32.const 0))))
        (if (local.get $field)
          (then
            (if (call $mayBeFiveDigits (local.get $from) (local.get $to)) (then (return (i32.const 0))))))
        (local.set $from (i32.add (local.get $to) (i32.const 1)))
        (local.set $field (i32.add (local.get $field) (i32.const 1)))
        (br_if $field4 (i32.lt_u (local.get $field) (i32.const 4)))))
    (if (i32.lt_s (call $next (local.get $body) (local.get $from) (i32.const 34)) (local.get $from))
      (then (return (i32.const 0))))
    ;; KEY: [A-Z][A-Z0-9_]*, spaces around.
    (local.set $at (call $skipSpaces (local.get $from) (local.get $end)))
    (local.set $keyFrom (local.get $at))
    (if (i32.ge_s (local.get $at) (local.get $end)) (then (return (i32.const 0))))
    (if (i32.ge_u (i32.sub (i32.load8_u (local.get $at)) (i32.const 65)) (i32.const 26)) (then (return (i32.const 0))))
    (block $done
      (loop $key
        (br_if $done (i32.ge_s (local.get $at) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $at)))
        (br_if $done
          (i32.eqz
            (i32.or
              (i32.or
                (i32.lt_u (i32.sub (local.get $b) (i32.const 65)) (i32.const 26))
                (i32.lt_u (i32.sub (local.get $b) (i32.const 48)) (i32.const 10)))
              (i32.eq (local.get $b) (i32.const 95)))))
        (local.set $hash (i32.add (i32.mul (local.get $hash) (i32.const 31)) (local.get $b)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $key)))
    (i32.store offset=16 (i32.const 0) (local.get $at))
    (local.set $at (call $skipSpaces (local.get $at) (local.get $end)))
    (if (i32.ge_s (local.get $at) (local.get $end)) (then (return (i32.const 0))))
    (if (i32.ne (i32.load8_u (local.get $at)) (i32.const 44)) (then (return (i32.const 0))))
    ;; The id: exactly five digits, right after the comma.
    (local.set $id (i32.add (local.get $at) (i32.const 1)))
    (if (i32.ge_s (i32.add (local.get $id) (i32.const 5)) (local.get $end)) (then (return (i32.const 0))))
    (if (i32.eqz
          (i32.and
            (i32.eq (i32.and (call $digits (local.get $id)) (i32.const 0x1f)) (i32.const 0x1f))
            (i32.eq (i32.load8_u offset=5 (local.get $id)) (i32.const 44))))
      (then (return (i32.const 0))))
    (local.set $hash
      (i32.add
        (i32.mul (local.get $hash) (i32.const 31))
        (i32.add
          (i32.add
            (i32.mul (i32.add (i32.mul (i32.sub (i32.load8_u (local.get $id)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=1 (local.get $id)) (i32.const 48))) (i32.const 1000))
            (i32.mul (i32.add (i32.mul (i32.sub (i32.load8_u offset=2 (local.get $id)) (i32.const 48)) (i32.const 10)) (i32.sub (i32.load8_u offset=3 (local.get $id)) (i32.const 48))) (i32.const 10)))
          (i32.load8_u offset=4 (local.get $id)))))
    ;; The result: printable ASCII up to the next comma (no quote).
    (local.set $at (i32.add (local.get $id) (i32.const 6)))
    (block $done
      (loop $result
        (br_if $done (i32.ge_s (local.get $at) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $at)))
        (br_if $done (i32.eq (local.get $b) (i32.const 44)))
        (if (i32.or (i32.or (i32.lt_u (local.get $b) (i32.const 32)) (i32.ge_u (local.get $b) (i32.const 127))) (i32.eq (local.get $b) (i32.const 34)))
          (then (return (i32.const 0))))
        (local.set $hash (i32.add (i32.mul (local.get $hash) (i32.const 31)) (local.get $b)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $result)))
    (if (i32.ge_s (local.get $at) (local.get $end)) (then (return (i32.const 0))))
    ;; The results: key field, result end, hash, key from, (key to at 16), id, and the
    ;; action's kind code from the cache (-1 when it is not there).
    (i32.store offset=0 (i32.const 0) (local.get $from))
    (i32.store offset=4 (i32.const 0) (local.get $at))
    (i32.store offset=8 (i32.const 0) (local.get $hash))
    (i32.store offset=12 (i32.const 0) (local.get $keyFrom))
    (i32.store offset=20 (i32.const 0) (local.get $id))
    (i32.store offset=40 (i32.const 0) (call $cachedKind (local.get $from) (local.get $at) (local.get $hash)))
    (i32.const 1))

  ;; The verdict on the line [$start, $end); with a record's (1-3), the results also hold
  ;; the AM time of day (24), the node field's end (28), the category's class (32: 0
  ;; runtime, 1 admin, 2 system) and the body's start (36). $hasFallbackDate: lines
  ;; without a date have a real day to take.
  (func $classify (export "classify") (param $start i32) (param $end i32) (param $hasFallbackDate i32) (result i32)
    (local $c1 i32) (local $hms i32) (local $stampAtLineStart i32) (local $fallbackDate i32)
    (local $body i32) (local $shape i32)
    (local.set $c1 (call $next (local.get $start) (local.get $end) (i32.const 44)))
    (if (i32.ge_s (local.get $c1) (local.get $end)) (then (return (i32.const 0))))
    ;; The AM time: "[YYYY-MM-DD ]HH:MM:SS,mmm," with the first comma after the seconds.
    (local.set $hms (i32.sub (local.get $c1) (i32.const 8)))
    (if (i32.or
          (i32.or (i32.lt_s (local.get $hms) (local.get $start)) (i32.eqz (call $isClockAt (local.get $hms))))
          (i32.eqz
            (i32.and
              (i32.lt_s (i32.add (local.get $c1) (i32.const 4)) (local.get $end))
              (i32.and
                (i32.eq (i32.and (call $digits (i32.add (local.get $c1) (i32.const 1))) (i32.const 7)) (i32.const 7))
                (i32.eq (i32.load8_u offset=4 (local.get $c1)) (i32.const 44))))))
      (then
        ;; A line with a time of day first has it before its first comma, so only an AM
        ;; time further on makes this a record.
        (return (select (i32.const 5) (i32.const 0) (call $hasAmStampAfter (local.get $start) (local.get $start) (local.get $end))))))
    (if (i32.eq (local.get $hms) (local.get $start))
      (then
        (if (i32.eqz (local.get $hasFallbackDate)) (then (return (i32.const 5))))
        (local.set $fallbackDate (i32.const 1)))
      (else
        (if (i32.and
              (i32.ge_s (i32.sub (local.get $hms) (i32.const 11)) (local.get $start))
              (i32.and
                (i32.eq (i32.load8_u (i32.sub (local.get $hms) (i32.const 1))) (i32.const 32))
                (call $isDateAt (i32.sub (local.get $hms) (i32.const 11)))))
          (then
            (if (i32.eqz (call $validDate (i32.sub (local.get $hms) (i32.const 11)))) (then (return (i32.const 5))))
            (local.set $stampAtLineStart (i32.eq (i32.sub (local.get $hms) (i32.const 11)) (local.get $start))))
          (else (return (i32.const 5))))))
    (if (i32.eqz (call $validClock (local.get $hms))) (then (return (i32.const 5))))
    ;; Syslog: ", <node>, <category>, <LEVEL>, <body>"; an audit file goes straight to the body.
    (local.set $body (call $syslogBodyStart (i32.add (local.get $c1) (i32.const 5)) (local.get $end)))
    (local.set $shape (select (i32.const 2) (i32.const 1) (local.get $fallbackDate)))
    (if (i32.eq (local.get $body) (i32.const -2)) (then (return (i32.const 5))))
    (if (i32.eq (local.get $body) (i32.const -1))
      (then
        (if (i32.eqz (local.get $stampAtLineStart)) (then (return (i32.const 5))))
        (local.set $body (i32.add (local.get $c1) (i32.const 5)))
        (local.set $shape (i32.const 3))))
    (if (i32.eqz (call $body (local.get $body) (local.get $end))) (then (return (i32.const 5))))
    (if (local.get $fallbackDate)
      (then
        (if (call $hasAmStampAfter (local.get $start) (i32.add (local.get $c1) (i32.const 5)) (local.get $end))
          (then (return (i32.const 5))))))
    (i32.store offset=24 (i32.const 0) (local.get $hms))
    (i32.store offset=28 (i32.const 0) (global.get $nodeTo))
    (i32.store offset=32 (i32.const 0) (global.get $recordClass))
    (i32.store offset=36 (i32.const 0) (local.get $body))
    (local.get $shape))

  ;; Classifies the whole lines from $p on (up to a newline before $end; a carriage return
  ;; before it is not the line's) while each is not an AM record or a record whose cached
  ;; kind is only counted. Returns where it stopped: at the start of a line it leaves to
  ;; the caller, or of the unfinished last one. The results hold the lines it took (44),
  ;; the records among them (48), the other lines (52), the records with the fallback date
  ;; (56), and the shape of the first record (60: 1 syslog, 3 audit file; 0 none).
  (func (export "scan") (param $p i32) (param $end i32) (param $hasFallbackDate i32) (result i32)
    (local $nl i32) (local $lineEnd i32) (local $verdict i32)
    (local $lines i32) (local $records i32) (local $other i32) (local $fallback i32) (local $shape i32)
    (block $stop
      (loop $lines
        (local.set $nl (call $next (local.get $p) (local.get $end) (i32.const 10)))
        (br_if $stop (i32.ge_s (local.get $nl) (local.get $end)))
        (local.set $lineEnd (local.get $nl))
        (if (i32.and
              (i32.gt_s (local.get $lineEnd) (local.get $p))
              (i32.eq (i32.load8_u (i32.sub (local.get $lineEnd) (i32.const 1))) (i32.const 13)))
          (then (local.set $lineEnd (i32.sub (local.get $lineEnd) (i32.const 1)))))
        (local.set $verdict (call $classify (local.get $p) (local.get $lineEnd) (local.get $hasFallbackDate)))
        (if (i32.eqz (local.get $verdict))
          (then (local.set $other (i32.add (local.get $other) (i32.const 1))))
          (else
            (br_if $stop (i32.eq (local.get $verdict) (i32.const 5)))
            (br_if $stop (i32.ne (i32.load offset=40 (i32.const 0)) (i32.const 0)))
            (local.set $records (i32.add (local.get $records) (i32.const 1)))
            (if (i32.eq (local.get $verdict) (i32.const 2))
              (then (local.set $fallback (i32.add (local.get $fallback) (i32.const 1)))))
            (if (i32.eqz (local.get $shape))
              (then (local.set $shape (select (i32.const 3) (i32.const 1) (i32.eq (local.get $verdict) (i32.const 3))))))))
        (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
        (local.set $p (i32.add (local.get $nl) (i32.const 1)))
        (br $lines)))
    (i32.store offset=44 (i32.const 0) (local.get $lines))
    (i32.store offset=48 (i32.const 0) (local.get $records))
    (i32.store offset=52 (i32.const 0) (local.get $other))
    (i32.store offset=56 (i32.const 0) (local.get $fallback))
    (i32.store offset=60 (i32.const 0) (local.get $shape))
    (local.get $p))
;; Splits the body [$from, $to) as quick-record.ts's splitter would (on commas outside
  ;; quotes, each field trimmed, a quoted field unquoted; $ascii: the chunk holds no byte
  ;; of 128 or more), stopping after $limit fields: how many fields, their bounds less
  ;; $base; -1 when the careful parser must read the body (a doubled or unclosed quote,
  ;; text after a closing quote, a byte of 128 or more, more than 512 fields).
  (func (export "splitBody") (param $from i32) (param $to i32) (param $ascii i32) (param $limit i32) (param $base i32) (result i32)
    (local $i i32) (local $fields i32) (local $fieldFrom i32) (local $fieldTo i32) (local $next i32) (local $b i32) (local $k i32)
    (local.set $i (local.get $from))
    (loop $field
      (block $spaced
        (loop $spaces
          (br_if $spaced (i32.ge_s (local.get $i) (local.get $to)))
          (br_if $spaced (i32.ne (i32.load8_u (local.get $i)) (i32.const 32)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $spaces)))
      (if (i32.and (i32.lt_s (local.get $i) (local.get $to)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 34)))
        (then
          ;; A quoted field: its closing quote, not doubled, and only blanks after it.
          (local.set $fieldTo (call $next (i32.add (local.get $i) (i32.const 1)) (local.get $to) (i32.const 34)))
          (if (i32.ge_s (local.get $fieldTo) (local.get $to)) (then (return (i32.const -1))))
          (if (i32.and
                (i32.lt_s (i32.add (local.get $fieldTo) (i32.const 1)) (local.get $to))
                (i32.eq (i32.load8_u offset=1 (local.get $fieldTo)) (i32.const 34)))
            (then (return (i32.const -1))))
          (local.set $fieldFrom (i32.add (local.get $i) (i32.const 1)))
          (local.set $next (i32.add (local.get $fieldTo) (i32.const 1)))
          (block $blanked
            (loop $blanks
              (br_if $blanked (i32.ge_s (local.get $next) (local.get $to)))
              (local.set $b (i32.load8_u (local.get $next)))
              (br_if $blanked (i32.eqz (i32.or (i32.eq (local.get $b) (i32.const 32)) (i32.lt_u (i32.sub (local.get $b) (i32.const 9)) (i32.const 5)))))
              (local.set $next (i32.add (local.get $next) (i32.const 1)))
              (br $blanks)))
          (if (i32.and (i32.lt_s (local.get $next) (local.get $to)) (i32.ne (i32.load8_u (local.get $next)) (i32.const 44)))
            (then (return (i32.const -1)))))
        (else
          (local.set $fieldFrom (local.get $i))
          (local.set $next (call $next (local.get $i) (local.get $to) (i32.const 44)))
          (local.set $fieldTo (local.get $next))))
      (if (i32.eqz (local.get $ascii))
        (then
          (local.set $k (local.get $fieldFrom))
          (block $checked
            (loop $bytes
              (br_if $checked (i32.ge_s (local.get $k) (local.get $fieldTo)))
              (if (i32.ge_u (i32.load8_u (local.get $k)) (i32.const 128)) (then (return (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $bytes)))))
      ;; Trimmed as JavaScript's trim trims ASCII: tab to carriage return, and space.
      (block $trimmed
        (loop $lead
          (br_if $trimmed (i32.ge_s (local.get $fieldFrom) (local.get $fieldTo)))
          (local.set $b (i32.load8_u (local.get $fieldFrom)))
          (br_if $trimmed (i32.eqz (i32.or (i32.eq (local.get $b) (i32.const 32)) (i32.lt_u (i32.sub (local.get $b) (i32.const 9)) (i32.const 5)))))
          (local.set $fieldFrom (i32.add (local.get $fieldFrom) (i32.const 1)))
          (br $lead)))
      (block $trimmed
        (loop $trail
          (br_if $trimmed (i32.le_s (local.get $fieldTo) (local.get $fieldFrom)))
          (local.set $b (i32.load8_u (i32.sub (local.get $fieldTo) (i32.const 1))))
          (br_if $trimmed (i32.eqz (i32.or (i32.eq (local.get $b) (i32.const 32)) (i32.lt_u (i32.sub (local.get $b) (i32.const 9)) (i32.const 5)))))
          (local.set $fieldTo (i32.sub (local.get $fieldTo) (i32.const 1)))
          (br $trail)))
      (if (i32.ge_u (local.get $fields) (i32.const 512)) (then (return (i32.const -1))))
      (i32.store offset=1277952 (i32.shl (local.get $fields) (i32.const 2)) (i32.sub (local.get $fieldFrom) (local.get $base)))
      (i32.store offset=1280000 (i32.shl (local.get $fields) (i32.const 2)) (i32.sub (local.get $fieldTo) (local.get $base)))
      (local.set $fields (i32.add (local.get $fields) (i32.const 1)))
      (if (i32.ge_s (local.get $next) (local.get $to)) (then (return (local.get $fields))))
      (local.set $i (i32.add (local.get $next) (i32.const 1)))
      (br_if $field (i32.ne (local.get $fields) (local.get $limit))))
    (local.get $fields))
)
