/* test_runq.c: unit tests of the scheduler (runtime/proc.c) through
 * whole tiny programs: goro_compile_program, goro_g_new and
 * goro_sched_main, with stdout and stderr captured.  The run queue is
 * private to proc.c, so these check what it decides: which goroutine
 * runs next (runnext, FIFO), preemption, timers, deadlock detection and
 * exit statuses.  One program per test: the scheduler runs once per
 * process, and Criterion gives each test its own. */
#include "unit.h"

static void setup(void) { goro_ut_init(); }

/* Tests of the default schedule order on one P: GORO_STRESS_SCHED=1
 * preempts at random on purpose, and a second P would steal, so both are
 * switched off for them. */
static void setup_ordered(void)
{
    unsetenv("GORO_STRESS_SCHED");
    setenv("GOMAXPROCS", "1", 1);
    goro_ut_init();
}

/* No suite-wide .init: Criterion would run it before a test's own. */
TestSuite(sched, .timeout = 20.0);

static char *prog(const char *body)
{
    return goro_sprintf("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"runtime\"\n"
                        "\t\"time\"\n)\n\nvar _ = fmt.Sprint\nvar _ = os.Exit\nvar _ = runtime.Gosched\n"
                        "var _ = time.Sleep\n\n%s\n",
                        body);
}

static void expect_run(const char *body, int code, const char *out)
{
    char *got, *err;
    int rc = goro_ut_run2(prog(body), &got, &err);
    cr_expect_eq(rc, code, "exit %d, want %d; stderr:\n%s", rc, code, err);
    cr_expect_str_eq(got, out);
}

Test(sched, main_runs_and_exits_zero, .init = setup)
{
    expect_run("func main() {\n\tfmt.Println(\"hello\")\n}", 0, "hello\n");
}

Test(sched, g_new_gives_fresh_ids, .init = setup)
{
    Closure *cl;
    cr_assert_eq(goro_ut_compile(prog("func main() {}"), false, NULL, &cl), 0);
    G *a = goro_g_new(goro_ptrval(VK_FUNC, cl), NULL, 0, false);
    G *b = goro_g_new(goro_ptrval(VK_FUNC, cl), NULL, 0, false);
    cr_expect_gt(a->id, 0);
    cr_expect_eq(b->id, a->id + 1);
    cr_expect_geq(a->nframes, 1, "the first frame is set up");
}

Test(sched, spawned_goroutines_run_runnext_first_then_fifo, .init = setup_ordered)
{
    /* Go with GOMAXPROCS=1 prints "4 0 1 2 3": the last `go` sits in
     * runnext, the rest wait in the queue in order */
    expect_run("func main() {\n\tdone := make(chan bool)\n\tfor i := 0; i < 5; i++ {\n"
               "\t\tgo func(i int) {\n\t\t\tfmt.Print(i, \" \")\n\t\t\tdone <- true\n\t\t}(i)\n\t}\n"
               "\tfor i := 0; i < 5; i++ {\n\t\t<-done\n\t}\n\tfmt.Println()\n}",
               0, "4 0 1 2 3 \n");
}

Test(sched, unbuffered_ping_pong, .init = setup)
{
    expect_run("func main() {\n\tping, pong := make(chan int), make(chan int)\n"
               "\tgo func() {\n\t\tfor v := range ping {\n\t\t\tpong <- v * 2\n\t\t}\n"
               "\t\tclose(pong)\n\t}()\n"
               "\tfor i := 1; i <= 3; i++ {\n\t\tping <- i\n\t\tfmt.Println(<-pong)\n\t}\n"
               "\tclose(ping)\n\t_, ok := <-pong\n\tfmt.Println(ok)\n}",
               0, "2\n4\n6\nfalse\n");
}

Test(sched, buffered_pipeline_sum, .init = setup)
{
    expect_run("func main() {\n\tc := make(chan int, 10)\n\tgo func() {\n"
               "\t\tfor i := 1; i <= 1000; i++ {\n\t\t\tc <- i\n\t\t}\n\t\tclose(c)\n\t}()\n"
               "\tsum := 0\n\tfor v := range c {\n\t\tsum += v\n\t}\n\tfmt.Println(sum)\n}",
               0, "500500\n");
}

Test(sched, many_goroutines, .init = setup)
{
    expect_run("func main() {\n\tresults := make(chan int)\n"
               "\tfor i := 1; i <= 10000; i++ {\n\t\tgo func(n int) {\n\t\t\tresults <- n\n"
               "\t\t}(i)\n\t}\n\ttotal := 0\n\tfor i := 0; i < 10000; i++ {\n"
               "\t\ttotal += <-results\n\t}\n\tfmt.Println(total)\n}",
               0, "50005000\n");
}

Test(sched, main_does_not_wait_for_goroutines, .init = setup)
{
    /* a goroutine blocked forever is not a deadlock once main returns */
    expect_run("func main() {\n\tgo func() {\n\t\tselect {}\n\t}()\n\tfmt.Println(\"bye\")\n}", 0,
               "bye\n");
}

Test(sched, deadlock_is_detected, .init = setup)
{
    char *out, *err;
    int rc = goro_ut_run2(prog("func main() {\n\tc := make(chan int)\n\t<-c\n}"), &out, &err);
    cr_expect_eq(rc, 2);
    cr_expect(strstr(err, "fatal error: all goroutines are asleep - deadlock!") != NULL, "%s",
              err);
    cr_expect(strstr(err, "goroutine 1 [chan receive]:") != NULL, "%s", err);
}

Test(sched, deadlock_with_several_blocked_goroutines, .init = setup)
{
    char *out, *err;
    int rc = goro_ut_run2(prog("func main() {\n\tc := make(chan int)\n"
                               "\tgo func() {\n\t\tc <- 1\n\t\tc <- 2\n\t}()\n"
                               "\tfmt.Println(<-c)\n\tselect {}\n}"),
                          &out, &err);
    cr_expect_eq(rc, 2);
    cr_expect_str_eq(out, "1\n");
    cr_expect(strstr(err, "deadlock") != NULL, "%s", err);
    cr_expect(strstr(err, "[select (no cases)]") != NULL, "%s", err);
    cr_expect(strstr(err, "[chan send]") != NULL, "%s", err);
}

Test(sched, panic_in_goroutine_exits_two, .init = setup)
{
    char *out, *err;
    int rc = goro_ut_run2(prog("func main() {\n\tgo func() {\n\t\tvar m map[string]int\n"
                               "\t\tm[\"a\"] = 1\n\t}()\n\ttime.Sleep(time.Second)\n"
                               "\tfmt.Println(\"not reached\")\n}"),
                          &out, &err);
    cr_expect_eq(rc, 2);
    cr_expect_str_eq(out, "");
    cr_expect(strstr(err, "panic: assignment to entry in nil map") != NULL, "%s", err);
}

/* os.Exit ends the process at once (_exit), so the worker's status is
 * the assertion */
Test(sched, os_exit_status, .exit_code = 3, .init = setup)
{
    char *out;
    goro_ut_run(prog("func main() {\n\tfmt.Println(\"x\")\n\tos.Exit(3)\n\tfmt.Println(\"y\")\n}"),
                &out);
    cr_assert_fail("os.Exit returned");
}

Test(sched, sleeping_goroutines_wake_in_deadline_order, .init = setup)
{
    expect_run("func main() {\n\tc := make(chan int)\n\tfor _, d := range []int{30, 10, 20} {\n"
               "\t\tgo func(d int) {\n\t\t\ttime.Sleep(time.Duration(d) * time.Millisecond)\n"
               "\t\t\tc <- d\n\t\t}(d)\n\t}\n"
               "\tfmt.Println(<-c, <-c, <-c)\n}",
               0, "10 20 30\n");
}

Test(sched, select_with_timeout, .init = setup)
{
    expect_run("func main() {\n\tc := make(chan int)\n\tselect {\n\tcase <-c:\n"
               "\t\tfmt.Println(\"value\")\n\tcase <-time.After(20 * time.Millisecond):\n"
               "\t\tfmt.Println(\"timeout\")\n\t}\n}",
               0, "timeout\n");
}

Test(sched, busy_goroutine_is_preempted, .init = setup)
{
    /* one P: without preemption at backward jumps, the spinning
     * goroutine would starve main forever */
    expect_run("func main() {\n\tgo func() {\n\t\tx := 0\n\t\tfor {\n\t\t\tx++\n\t\t}\n\t}()\n"
               "\truntime.Gosched()\n\ttime.Sleep(5 * time.Millisecond)\n\tfmt.Println(\"ok\")\n}",
               0, "ok\n");
}

Test(sched, gosched_lets_the_other_run, .init = setup)
{
    expect_run("func main() {\n\tdone := false\n\tgo func() {\n\t\tdone = true\n\t}()\n"
               "\tfor !done {\n\t\truntime.Gosched()\n\t}\n\tfmt.Println(\"done\")\n}",
               0, "done\n");
}

Test(sched, num_goroutine, .init = setup)
{
    expect_run("func main() {\n\tc := make(chan bool)\n\tfor i := 0; i < 3; i++ {\n"
               "\t\tgo func() {\n\t\t\t<-c\n\t\t}()\n\t}\n\truntime.Gosched()\n"
               "\tfmt.Println(runtime.NumGoroutine())\n\tclose(c)\n"
               "\ttime.Sleep(5 * time.Millisecond)\n\tfmt.Println(runtime.NumGoroutine())\n}",
               0, "4\n1\n");
}

Test(sched, unbuffered_send_completes_before_receiver_continues, .init = setup_ordered)
{
    /* the hand-off order Go guarantees: a value received was sent */
    expect_run("func main() {\n\tc := make(chan int)\n\tgo func() {\n"
               "\t\tfor i := 0; i < 3; i++ {\n\t\t\tfmt.Println(\"send\", i)\n\t\t\tc <- i\n\t\t}\n"
               "\t}()\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(\"recv\", <-c)\n\t}\n}",
               0, "send 0\nsend 1\nrecv 0\nrecv 1\nsend 2\nrecv 2\n");
}

Test(sched, recovered_panic_does_not_end_the_program, .init = setup)
{
    expect_run("func safe() (err interface{}) {\n\tdefer func() {\n\t\terr = recover()\n\t}()\n"
               "\tvar a []int\n\t_ = a[3]\n\treturn nil\n}\n"
               "func main() {\n\tfmt.Println(safe())\n\tfmt.Println(\"after\")\n}",
               0, "runtime error: index out of range [3] with length 0\nafter\n");
}

Test(sched, ticker_and_timer_stop, .init = setup)
{
    expect_run("func main() {\n\tt := time.NewTicker(2 * time.Millisecond)\n\tn := 0\n"
               "\tfor range t.C {\n\t\tn++\n\t\tif n == 3 {\n\t\t\tt.Stop()\n\t\t\tbreak\n\t\t}\n\t}\n"
               "\ttm := time.NewTimer(time.Hour)\n\tfmt.Println(n, tm.Stop())\n}",
               0, "3 true\n");
}
