#!/bin/sh
# run.sh: run goro program tests.
#
#   sh tests/run.sh GORO [FILE_OR_DIR ...]
#
# Without paths it runs tests/lang, the samples, the REPL sessions and the
# bad-input corpus.
#
# A test is a goro program whose expectations are comments:
#
#   // Output:            the exact standard output follows, one line per
#   // line one           comment line ("// " or "//" is stripped), up to
#   // line two           the end of the file or the first non-comment line
#   // Exit: 2            expected exit status (default 0)
#   // Stderr: text       stderr must contain each such text, in order
#   // Args: a b          command-line arguments
#   // Stdin: text        a line of standard input (may repeat)
#   // Skip-asan: why     not run under the sanitizer builds (e.g. 1M goroutines)
#
# A REPL session (tests/repl/NAME.in) is piped into the REPL; its
# standard output must equal NAME.out.
#
# A bad-input file (tests/bad) must make goro fail with a clear message:
# exit status 1 or 2, something on stderr, never a signal or a
# sanitizer report.

GORO=${1:?usage: run.sh GORO [paths...]}
shift
case "$GORO" in /*) ;; *) GORO="$(pwd)/$GORO" ;; esac
TMP=${TMPDIR:-/tmp}/goro-tests.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT INT TERM
SAN=0
case "$GORO" in */asan/*|*/ubsan/*) SAN=1 ;; esac

pass=0
fail=0
failed=""
TIMEOUT=${GORO_TEST_TIMEOUT:-60}

report_fail() {
    fail=$((fail + 1))
    failed="$failed
  $1"
    echo "FAIL $1: $2"
}

# expected output: the comment lines after "// Output:"
expected_output() {
    awk '
        found && /^\/\// { line = $0; sub(/^\/\/ ?/, "", line); print line; next }
        found { exit }
        /^\/\/ Output:[ \t]*$/ { found = 1 }
    ' "$1"
}

directive() {
    sed -n "s|^// $2: \{0,1\}||p" "$1"
}

run_test() {
    f=$1
    [ "$SAN" = 1 ] && grep -q '^// Skip-asan:' "$f" && return
    want_exit=$(directive "$f" Exit | head -n 1)
    [ -n "$want_exit" ] || want_exit=0
    args=$(directive "$f" Args | head -n 1)
    directive "$f" Stdin > "$TMP/stdin"
    expected_output "$f" > "$TMP/want"
    dir=$(dirname "$f")
    base=$(basename "$f")
    # shellcheck disable=SC2086
    (cd "$dir" && timeout "$TIMEOUT" "$GORO" run "$base" $args < "$TMP/stdin" > "$TMP/out" 2> "$TMP/err")
    code=$?
    if [ $code -eq 124 ]; then
        report_fail "$f" "timed out after ${TIMEOUT}s"
        return
    fi
    if [ $code -ne "$want_exit" ]; then
        report_fail "$f" "exit status $code, want $want_exit"
        sed 's/^/    | /' "$TMP/err" | head -n 20
        return
    fi
    if grep -q "^// Output:" "$f" && ! cmp -s "$TMP/want" "$TMP/out"; then
        report_fail "$f" "output differs (- want, + got)"
        diff -u "$TMP/want" "$TMP/out" | tail -n +3 | head -n 30 | sed 's/^/    /'
        return
    fi
    if grep -q "AddressSanitizer\|runtime error: .*\.c:[0-9]\|LeakSanitizer" "$TMP/err"; then
        report_fail "$f" "sanitizer report"
        head -n 30 "$TMP/err" | sed 's/^/    | /'
        return
    fi
    rest="$TMP/err"
    ok=1
    directive "$f" Stderr > "$TMP/stderr-want"
    while IFS= read -r text; do
        if ! grep -qF -- "$text" "$rest"; then
            report_fail "$f" "stderr lacks: $text"
            sed 's/^/    | /' "$TMP/err" | head -n 20
            ok=0
            break
        fi
        # the next expected text must come after this one
        awk -v t="$text" 'found { print } !found && index($0, t) { found = 1; print substr($0, index($0, t) + length(t)) }' "$rest" > "$TMP/rest.next"
        mv "$TMP/rest.next" "$TMP/rest"
        rest="$TMP/rest"
    done < "$TMP/stderr-want"
    [ $ok = 1 ] && pass=$((pass + 1))
}

run_bad() {
    f=$1
    timeout "$TIMEOUT" "$GORO" run "$f" > "$TMP/out" 2> "$TMP/err" < /dev/null
    code=$?
    if [ $code -eq 124 ]; then
        report_fail "$f" "timed out"
    elif [ $code -ne 1 ] && [ $code -ne 2 ]; then
        report_fail "$f" "exit status $code (want 1 or 2; >= 128 is a signal)"
        head -n 10 "$TMP/err" | sed 's/^/    | /'
    elif [ ! -s "$TMP/err" ]; then
        report_fail "$f" "failed without a message"
    elif grep -q "AddressSanitizer\|runtime error: .*\.c:[0-9]\|LeakSanitizer\|internal error" "$TMP/err"; then
        report_fail "$f" "sanitizer report or internal error"
        head -n 20 "$TMP/err" | sed 's/^/    | /'
    else
        pass=$((pass + 1))
    fi
}

run_repl() {
    f=$1
    timeout "$TIMEOUT" "$GORO" < "$f" > "$TMP/out" 2> "$TMP/err"
    code=$?
    if [ $code -ne 0 ]; then
        report_fail "$f" "REPL exit status $code"
        head -n 10 "$TMP/err" | sed 's/^/    | /'
    elif ! cmp -s "${f%.in}.out" "$TMP/out"; then
        report_fail "$f" "REPL output differs (- want, + got)"
        diff -u "${f%.in}.out" "$TMP/out" | tail -n +3 | head -n 30 | sed 's/^/    /'
    else
        pass=$((pass + 1))
    fi
}

if [ $# -eq 0 ]; then
    set -- tests/lang samples tests/repl tests/bad
fi

for path in "$@"; do
    case "$path" in
    *tests/repl*)
        for f in $(find "$path" -name '*.in' -type f | sort); do
            run_repl "$f"
        done
        ;;
    *tests/bad*)
        sh tests/bad/gen.sh "$TMP/bad"
        for f in $(find "$path" "$TMP/bad" -type f ! -name '*.sh' | sort); do
            run_bad "$f"
        done
        ;;
    *)
        for f in $(find "$path" -name '*.goro' -type f | sort); do
            run_test "$f"
        done
        ;;
    esac
done

echo "goro tests: $pass passed, $fail failed"
if [ $fail -ne 0 ]; then
    echo "failed:$failed"
    exit 1
fi
