#!/bin/sh
# gen.sh DIR: write the generated part of the bad-input corpus into DIR:
# inputs too large or too binary to keep in the repository.  Every one
# must make goro fail with a clear message, never crash.
dir=${1:?usage: gen.sh DIR}
mkdir -p "$dir"

# 1,000 nested parentheses and blocks work; 3,000 are a clear error.
awk 'BEGIN { s = "package main\nfunc main() { x := "; for (i = 0; i < 1000; i++) s = s "("; s = s "1"; for (i = 0; i < 1000; i++) s = s ")"; print s "; _ = x; panic(\"ok: nested parens\") }" }' > "$dir/nest_parens_1000.goro"
awk 'BEGIN { s = "package main\nfunc main() "; for (i = 0; i < 1000; i++) s = s "{"; s = s "panic(\"ok: nested blocks\")"; for (i = 0; i < 1000; i++) s = s "}"; print s }' > "$dir/nest_blocks_1000.goro"
awk 'BEGIN { s = "package main\nfunc main() { x := "; for (i = 0; i < 3000; i++) s = s "("; print s "1 }" }' > "$dir/nest_parens_3000.goro"
awk 'BEGIN { s = "package main\nfunc main() { x := "; for (i = 0; i < 3000; i++) s = s "[]"; print s "int{} }" }' > "$dir/nest_types_3000.goro"
awk 'BEGIN { s = "package main\nfunc main() { x := 1"; for (i = 0; i < 20000; i++) s = s "+1"; print s "; panic(x) }" }' > "$dir/long_sum.goro"
awk 'BEGIN { s = "package main\nfunc main() { x := "; for (i = 0; i < 5000; i++) s = s "- "; print s "1; panic(x) }" }' > "$dir/deep_unary.goro"

# a 1 MB string literal: runs, then panics with its length
awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s; print "package main\nfunc main() { s := \"" s "\"; panic(len(s)) }" }' > "$dir/string_1mb.goro"
# and one that never ends
awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s; printf "package main\nfunc main() { s := \"%s", s }' > "$dir/string_1mb_unterminated.goro"

# random bytes (a fixed seed, so failures reproduce)
for seed in 1 2 3 4 5 6 7 8; do
    awk -v seed=$seed 'BEGIN { srand(seed); for (i = 0; i < 4000; i++) printf "%c", int(rand() * 256) }' > "$dir/random_$seed.goro"
done
# random tokens: plausible syntax in random order
for seed in 1 2 3 4; do
    awk -v seed=$seed 'BEGIN { srand(seed); split("func main ( ) { } [ ] x := = 1 \"s\" go chan <- select case default : for range if else , ; . + * struct map var const type return defer 0x1F 1.5e3 '\''c'\'' `raw` ... &^ %", t, " "); print "package main"; for (i = 0; i < 3000; i++) printf "%s ", t[int(rand() * length(t)) + 1]; print "" }' > "$dir/tokens_$seed.goro"
done

# invalid UTF-8 in an identifier, a string and a comment
printf 'package main\nfunc main() { x\377y := 1 }\n' > "$dir/utf8_ident.goro"
printf 'package main\nfunc main() { s := "a\300\200b"; _ = s }\n' > "$dir/utf8_string.goro"
printf 'package main\n// \377\376 comment\nfunc main() {}\n' > "$dir/utf8_comment.goro"
printf 'package main\nfunc main() { x := 1\000 }\n' > "$dir/nul_byte.goro"
