//! Nothing an interpreted program does can hang the page or the CLI: a goroutine that
//! never blocks, and endless recursion, end the run with a clear error at their line.

use sim_runtime::Duration;

fn run_err(src: &str) -> String {
    match gointerp::interp::run(src, 1, Duration::from_secs(10)) {
        Ok(r) => panic!("the run ended normally: {:?}", r.outcome),
        Err(e) => e.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
    }
}

#[test]
fn a_goroutine_that_never_blocks_is_stopped() {
    let src = "package main\n\nfunc main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}\n";
    assert_eq!(
        run_err(src),
        format!(
            "./main.go:6:3: goroutine 1 ran {} statements without the virtual clock moving; Leak Lab stopped the program",
            gointerp::interp::STEP_BUDGET
        )
    );
}

#[test]
fn an_empty_loop_is_stopped_too() {
    let src = "package main\n\nfunc main() {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n\tselect {}\n}\n";
    assert_eq!(
        run_err(src),
        format!(
            "./main.go:5:7: goroutine 6 ran {} statements without the virtual clock moving; Leak Lab stopped the program",
            gointerp::interp::STEP_BUDGET
        )
    );
}

#[test]
fn endless_recursion_is_a_stack_overflow() {
    let src = "package main\n\nfunc f(n int) int {\n\treturn f(n + 1)\n}\n\nfunc main() {\n\tf(0)\n}\n";
    assert_eq!(
        run_err(src),
        format!(
            "./main.go:4:1: goroutine 1 nested more than {} calls: stack overflow",
            gointerp::interp::MAX_CALL_DEPTH
        )
    );
}

#[test]
fn what_is_not_supported_yet_is_named_at_its_line() {
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"strconv\"\n)\n\nfunc main() {\n\tx, _ := strconv.ParseFloat(\"1.5\", 64)\n\tfmt.Printf(\"%*d\\n\", 3, int(x))\n}\n";
    assert_eq!(run_err(src), "./main.go:10:2: Leak Lab cannot run this format yet");
    // A precision Go would refuse is not formatted (a billion digits) either.
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"%.1000000000f\\n\", 1.5)\n}\n";
    assert_eq!(run_err(src), "./main.go:6:2: Leak Lab cannot run this format yet");
}

/// A value's dynamic type is found from the types the program puts in interfaces: where
/// an `int` and a `time.Duration` both can be in one, `x.(int)` is refused, not guessed.
#[test]
fn an_assertion_whose_dynamic_type_is_ambiguous_is_refused() {
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tvals := []any{1, time.Second}\n\tn, ok := vals[1].(int)\n\tfmt.Println(n, ok)\n}\n";
    assert_eq!(run_err(src), "./main.go:10:11: Leak Lab cannot run this type assertion yet");
    // Without the Duration it is known.
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvals := []any{1, \"s\"}\n\tn, ok := vals[0].(int)\n\tfmt.Println(n, ok)\n}\n";
    let r = gointerp::interp::run(src, 1, Duration::from_secs(1)).expect("it runs");
    assert_eq!(r.stdout, "1 true\n");
}

/// Strings are UTF-8 here: slicing one inside a character is refused, not garbled.
#[test]
fn a_string_cut_inside_a_character_is_refused() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"h\u{e9}llo\"\n\tfmt.Println(s[:2])\n}\n";
    assert_eq!(run_err(src), "./main.go:7:14: Leak Lab cannot run a string cut inside a UTF-8 character yet");
}
