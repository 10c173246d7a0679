#!/bin/sh
# run.sh: goro's benchmark suite: runs every program in bench/ and prints a
# table of wall time and peak memory (maximum RSS) per program, checks each
# program's output, and measures what one parked goroutine costs.
#
#   sh bench/run.sh GORO [NAME ...]      (make bench runs: sh bench/run.sh ./goro)
#
# NAMEs pick benchmarks (fib loop binarytrees nbody methods ring pingpong fanin spawn
# sieve parallel echo parked); the default is all of them.  The sequential
# ones (fib loop binarytrees) run once, with GOMAXPROCS unset; the
# concurrent ones run at GOMAXPROCS=1 and at GOMAXPROCS=2, and the table
# shows both times and their ratio (for parallel: the speed-up of 2 P's
# over 1, the reciprocal).  echo also shows requests per second.
# Environment:
#   GORO_BENCH_TIMEOUT=s   limit per program (default 60; the suite takes ~20 s)
#   GORO_BENCH_PARKED=n    goroutines parked by parked.goro (default 100000)
#   GORO_BENCH_GO=0        skip the Go comparison columns
#   GORO_BENCH_RUNS=n      runs per measurement, the fastest counts (default 3)
#
# How it measures:
# - Wall time and peak RSS come from GNU time (/usr/bin/time -f '%e %M': the
#   elapsed real time, and the child's ru_maxrss from wait4, so the peak is
#   exact however short it was).  When GNU time is missing, the Debian
#   package `time` is installed as scripts/deps.sh does (apt-get when root
#   or with sudo; otherwise the apt-get line is printed).  If that cannot
#   be done the suite still runs, timing with `date +%s%N` and reading
#   VmHWM from /proc/PID/status every 10 ms (approximate; says so).
# - Each program's stdout must equal the "// Output:" comment block at the
#   end of its file (the format of tests/run.sh); the result column shows
#   the last field of the last line, or WRONG / TIMEOUT / exit N.
# - Parked goroutines: parked.goro is run with N=0 and N=100000; it spawns N
#   goroutines blocked receiving on one channel, calls runtime.GC(), prints
#   "ready" on stderr and sleeps.  VmRSS is read from /proc/PID/status at
#   that moment (not the peak: spawning overshoots) and the process is
#   killed; (RSS_N - RSS_0) / N is the cost of one parked goroutine.
# - When `go` is on PATH, bench/go/NAME.go (the same programs as Go; [] any
#   spelt []interface{} for Go 1.19) are built (not timed) and run the same
#   way, giving Go's numbers and the goro/Go wall-time ratio for orientation.
#
# Exit status: 0 when every program printed its expected output, else 1.

GORO=${1:?usage: sh bench/run.sh GORO [NAME ...]}
shift
case "$GORO" in /*) ;; *) GORO="$(pwd)/$GORO" ;; esac
if [ ! -x "$GORO" ]; then
    echo "bench: $GORO is not an executable (build it first: make goro)" >&2
    exit 1
fi
BENCH=$(cd "$(dirname "$0")" && pwd)
TMP=${TMPDIR:-/tmp}/goro-bench.$$
LIMIT=${GORO_BENCH_TIMEOUT:-60}
PARKED_N=${GORO_BENCH_PARKED:-100000}
ALL="fib loop binarytrees nbody methods ring pingpong fanin spawn sieve parallel echo parked"
SEQUENTIAL=" fib loop binarytrees nbody methods "
NAMES=${*:-$ALL}
PARKED_PID=""
mkdir -p "$TMP"
trap '[ -n "$PARKED_PID" ] && kill "$PARKED_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

for name in $NAMES; do
    if [ ! -f "$BENCH/$name.goro" ]; then
        echo "bench: no benchmark '$name' (have: $ALL)" >&2
        exit 1
    fi
    # echo needs the net package
    if [ "$name" = echo ] && ! "$GORO" -e 'net.JoinHostPort("a", "1")' >/dev/null 2>&1; then
        echo "bench: skipping echo (this goro has no net package)" >&2
        NAMES=$(echo " $NAMES " | sed 's/ echo / /')
    fi
done

# ---------------------------------------------------------------- GNU time

gnu_time_ok() {
    [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$TMP/probe" true 2>/dev/null &&
        [ -s "$TMP/probe" ]
}

# Install Debian's `time` package the way scripts/deps.sh installs build
# dependencies; returns non-zero (after printing the command) when it cannot.
install_time() {
    line="apt-get install -y time"
    if [ "$(id -u)" = "0" ]; then
        echo "bench: installing time (GNU time)"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "bench: installing time (GNU time, sudo)"
        sudo apt-get update -qq >/dev/null 2>&1 || true
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1
    else
        echo "bench: GNU time is missing; for exact peak RSS please run:" >&2
        echo "    sudo $line" >&2
        return 1
    fi
}

if gnu_time_ok || { install_time && gnu_time_ok; }; then
    TIMER=gnu
    METHOD="GNU time"
else
    TIMER=poll
    METHOD="date + VmHWM polled every 10 ms (approximate)"
fi

# ---------------------------------------------------------------- measuring

# measure CMD ARGS...: run CMD with stdout in $TMP/out, stderr in $TMP/err;
# sets WALL (seconds), RSS_KIB and STATUS (124 on timeout).
measure() {
    if [ "$TIMER" = gnu ]; then
        /usr/bin/time -f '%e %M' -o "$TMP/time" timeout "$LIMIT" "$@" >"$TMP/out" 2>"$TMP/err"
        STATUS=$?
        read -r WALL RSS_KIB <"$TMP/time" 2>/dev/null
        # GNU time writes "Command exited with non-zero status N" first then
        case "$WALL" in Command*) { read -r _; read -r WALL RSS_KIB; } <"$TMP/time" ;; esac
        return
    fi
    t0=$(date +%s%N)
    "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    RSS_KIB=0
    timed_out=0
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
        [ -n "$hwm" ] && [ "$hwm" -gt "$RSS_KIB" ] && RSS_KIB=$hwm
        if [ $(( ($(date +%s%N) - t0) / 1000000000 )) -ge "$LIMIT" ]; then
            kill "$pid" 2>/dev/null
            timed_out=1
            break
        fi
        sleep 0.01
    done
    { wait "$pid"; } 2>/dev/null
    STATUS=$?
    [ "$timed_out" = 1 ] && STATUS=124
    WALL=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
}

# expected output of a benchmark: the comment lines after "// Output:"
expected_output() {
    awk '
        found && /^\/\// { line = $0; sub(/^\/\/ ?/, "", line); print line; next }
        found { exit }
        /^\/\/ Output:[ \t]*$/ { found = 1 }
    ' "$1"
}

# verdict FILE.goro: the result column for the run just measured; sets OK.
verdict() {
    OK=0
    if [ "$STATUS" = 124 ]; then
        RESULT="TIMEOUT (${LIMIT}s)"
    elif [ "$STATUS" != 0 ]; then
        RESULT="exit $STATUS"
    else
        expected_output "$1" >"$TMP/want"
        if cmp -s "$TMP/want" "$TMP/out"; then
            OK=1
            RESULT=$(awk 'NF { last = $NF } END { print last }' "$TMP/out")
        else
            RESULT="WRONG"
        fi
    fi
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ---------------------------------------------------------------- Go twins

GO=0
if [ "${GORO_BENCH_GO:-1}" != 0 ] && command -v go >/dev/null 2>&1; then
    GO=1
    mkdir -p "$TMP/go"
    for name in $NAMES; do
        if ! (cd "$BENCH/go" && go build -o "$TMP/go/$name" "$name.go") \
            >"$TMP/gobuild" 2>&1; then
            echo "bench: go build bench/go/$name.go failed; no Go column:" >&2
            head -n 5 "$TMP/gobuild" >&2
            GO=0
            break
        fi
    done
fi

# ---------------------------------------------------------------- the table

procs=$("$GORO" -e 'fmt.Print(runtime.GOMAXPROCS(0))' 2>/dev/null)
echo "goro bench: $GORO"
echo "default GOMAXPROCS ${procs:-?}, $(nproc 2>/dev/null || echo '?') CPUs; wall time and peak RSS by $METHOD"
echo "P1, P2: wall seconds at GOMAXPROCS=1 and 2 (sequential benchmarks: one run, default GOMAXPROCS)"
echo
if [ "$GO" = 1 ]; then
    printf '%-12s %7s %7s %7s %10s   %-22s %7s %7s %7s %9s\n' benchmark "P1 (s)" "P2 (s)" "P2/P1" \
        "RSS (MiB)" result "Go P1" "Go P2" "P2/P1" "goro/Go"
else
    printf '%-12s %7s %7s %7s %10s   %s\n' benchmark "P1 (s)" "P2 (s)" "P2/P1" "RSS (MiB)" result
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }'; }

# run_at P CMD...: measure CMD with GOMAXPROCS=P ("" = unset) $RUNS times;
# sets W (the least wall time: this machine's noise only ever adds), R
# (the largest peak RSS), RES and GOOD (every run right)
RUNS=${GORO_BENCH_RUNS:-3}
run_at() {
    p=$1
    shift
    W=""
    R=0
    GOOD=1
    k=0
    while [ $k -lt "$RUNS" ]; do
        if [ -n "$p" ]; then
            measure env GOMAXPROCS="$p" "$@"
        else
            measure "$@"
        fi
        verdict "$BENCH/$name.goro"
        [ "$OK" = 1 ] || GOOD=0
        RES=$RESULT
        W=$(awk -v a="$W" -v b="$WALL" 'BEGIN { if (a == "" || b + 0 < a + 0) print b; else print a }')
        [ "${RSS_KIB:-0}" -gt "$R" ] && R=$RSS_KIB
        [ "$OK" = 1 ] || break
        k=$((k + 1))
    done
}

failed=""
total=0
for name in $NAMES; do
    [ "$name" = parked ] && continue
    case "$SEQUENTIAL" in *" $name "*) seq=1 ;; *) seq=0 ;; esac
    if [ $seq = 1 ]; then
        run_at "" "$GORO" run "$BENCH/$name.goro"
        w1=-
        w2=$W
    else
        run_at 1 "$GORO" run "$BENCH/$name.goro"
        w1=$W
        [ "$GOOD" = 1 ] || { failed="$failed $name"; cp "$TMP/err" "$TMP/$name.err"; cp "$TMP/out" "$TMP/$name.out"; }
        total=$(awk -v a="$total" -v b="$W" 'BEGIN { print a + b }')
        run_at 2 "$GORO" run "$BENCH/$name.goro"
        w2=$W
    fi
    [ "$GOOD" = 1 ] || { failed="$failed $name"; cp "$TMP/err" "$TMP/$name.err"; cp "$TMP/out" "$TMP/$name.out"; }
    total=$(awk -v a="$total" -v b="$W" 'BEGIN { print a + b }')
    rat=-
    [ $seq = 0 ] && rat=$(ratio "$w1" "$w2")
    res=$RES
    if [ "$name" = echo ] && [ "$GOOD" = 1 ]; then
        reqs=$(awk '{ print $1 }' "$TMP/out")
        res="$(awk -v n="$reqs" -v w="$w2" 'BEGIN { if (w > 0) printf "%.0f", n / w; else print "-" }') req/s"
    fi
    line=$(printf '%-12s %7s %7s %7s %10s   %-22s' "$name" "$w1" "$w2" "$rat" "$(mib "$R")" "$res")
    if [ "$GO" = 1 ]; then
        if [ $seq = 1 ]; then
            run_at "" "$TMP/go/$name"
            g1=-
            g2=$W
            grat=-
        else
            run_at 1 "$TMP/go/$name"
            g1=$W
            run_at 2 "$TMP/go/$name"
            g2=$W
            grat=$(ratio "$g1" "$g2")
        fi
        vs=$(awk -v a="$w2" -v b="$g2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
        [ "$GOOD" = 1 ] || { g2=$RES; vs=-; }
        line=$(printf '%s %7s %7s %7s %9s' "$line" "$g1" "$g2" "$grat" "$vs")
    fi
    echo "$line" | sed 's/ *$//'
done

# parked PROG...: RSS in KiB of PROG N while its goroutines are parked, for
# N in 0 and $PARKED_N; sets RSS0, RSSN (empty on failure) and PERR.
parked_rss() {
    PERR=""
    RSS0=""
    RSSN=""
    for n in 0 "$PARKED_N"; do
        "$@" "$n" >"$TMP/pout" 2>"$TMP/perr" &
        PARKED_PID=$!
        t0=$(date +%s)
        while ! grep -q '^ready' "$TMP/perr" 2>/dev/null; do
            if ! kill -0 "$PARKED_PID" 2>/dev/null; then
                PERR="exited before 'ready': $(head -n 1 "$TMP/perr")"
                break
            fi
            if [ $(( $(date +%s) - t0 )) -ge "$LIMIT" ]; then
                PERR="no 'ready' within ${LIMIT}s"
                break
            fi
            sleep 0.05
        done
        rss=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$PARKED_PID/status" 2>/dev/null)
        kill "$PARKED_PID" 2>/dev/null
        { wait "$PARKED_PID"; } 2>/dev/null
        PARKED_PID=""
        [ -n "$PERR" ] && return
        if [ "$n" = 0 ]; then RSS0=$rss; else RSSN=$rss; fi
    done
}

# per_goroutine RSS0 RSSN: "B bytes each (N parked, RSS +M MiB)"
per_goroutine() {
    awk -v a="$1" -v b="$2" -v n="$PARKED_N" 'BEGIN {
        printf "%d bytes each (%d parked, RSS +%.1f MiB)", (b - a) * 1024 / n, n, (b - a) / 1024 }'
}

case " $NAMES " in *" parked "*)
    echo
    parked_rss "$GORO" run "$BENCH/parked.goro"
    if [ -n "$PERR" ]; then
        echo "parked goroutine: FAILED, $PERR"
        failed="$failed parked"
    else
        line="parked goroutine: $(per_goroutine "$RSS0" "$RSSN")"
        if [ "$GO" = 1 ]; then
            parked_rss "$TMP/go/parked"
            [ -z "$PERR" ] && line="$line; Go: $(per_goroutine "$RSS0" "$RSSN" | sed 's/ (.*//')"
        fi
        echo "$line"
    fi
    ;;
esac

echo
printf 'goro total wall time: %.2f s\n' "$total"
if [ -n "$failed" ]; then
    for name in $failed; do
        [ -f "$TMP/$name.err" ] || continue
        echo "--- $name: stdout (last 3 lines), then stderr (first 10 lines)"
        tail -n 3 "$TMP/$name.out"
        head -n 10 "$TMP/$name.err"
    done
    echo "bench: FAILED:$failed"
    exit 1
fi
exit 0
