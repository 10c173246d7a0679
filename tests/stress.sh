#!/bin/sh
# stress.sh: the program suite under the conditions that shake out
# scheduling bugs (make stress).
#
#   sh tests/stress.sh GORO [ROUNDS]
#
# Each round runs tests/lang, the samples and the REPL sessions
#   - at GOMAXPROCS=1, 2, 4 and 8 with GORO_STRESS_SCHED=1 (preemption at
#     random safe points and a randomised runnext, seeded with
#     GORO_STRESS_SEED, which changes every round), and
#   - at GOMAXPROCS=4 with GORO_STRESS_GC=1 (collections while other M's
#     run and park).
# Every failure is listed with the command that reproduces it.  (With
# real threads a seed fixes goro's random choices, not the OS's, so a
# failure may need a few runs to recur.)
GORO=${1:?usage: stress.sh GORO [rounds]}
ROUNDS=${2:-${STRESS_ROUNDS:-3}}
case "$GORO" in /*) ;; *) GORO="$(pwd)/$GORO" ;; esac
LOG=${TMPDIR:-/tmp}/goro-stress.$$
trap 'rm -f "$LOG"' EXIT INT TERM
failures=""
nfail=0
runs=0

one() {
    # one() ENV...: run the suite with ENV, collect failures
    runs=$((runs + 1))
    env "$@" sh tests/run.sh "$GORO" tests/lang samples tests/repl > "$LOG" 2>&1
    summary=$(grep '^goro tests:' "$LOG")
    echo "  $* : ${summary#goro tests: }"
    for f in $(sed -n 's/^FAIL \([^:]*\):.*/\1/p' "$LOG"); do
        nfail=$((nfail + 1))
        case "$f" in
        *.in) cmd="$* $GORO < $f" ;;
        *) cmd="(cd $(dirname "$f") && $* $GORO run $(basename "$f"))" ;;
        esac
        failures="$failures
  $f
    $(grep "^FAIL $f:" "$LOG" | head -n 1 | sed 's/^FAIL [^:]*: //')
    reproduce: $cmd"
    done
}

r=1
while [ $r -le "$ROUNDS" ]; do
    echo "round $r of $ROUNDS"
    for p in 1 2 4 8; do
        one GOMAXPROCS=$p GORO_STRESS_SCHED=1 GORO_STRESS_SEED=$((r * 7919 + p))
    done
    one GOMAXPROCS=4 GORO_STRESS_GC=1
    r=$((r + 1))
done

if [ $nfail -ne 0 ]; then
    echo "stress: $nfail failures in $runs runs:$failures"
    exit 1
fi
echo "stress: $runs runs, 0 failures"
