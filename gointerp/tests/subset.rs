//! What lies outside the subset Leak Lab runs is a clear error at its line, in the
//! form of Go's own errors, never a crash or silence.

fn report(src: &str) -> String {
    gointerp::check(src).render("main.go")
}

#[test]
fn generics_are_refused_at_their_line() {
    let src = "package main\n\nfunc first[T any](xs []T) T {\n\treturn xs[0]\n}\n\nfunc main() {}\n";
    assert_eq!(report(src), "./main.go:3:11: Leak Lab does not run generics\n");
    let src = "package main\n\ntype box[T any] struct{ v T }\n\nfunc main() {}\n";
    assert_eq!(report(src), "./main.go:3:9: Leak Lab does not run generics\n");
}

#[test]
fn user_defined_interfaces_are_refused() {
    let src = "package main\n\ntype store interface {\n\tGet(key string) string\n}\n\nfunc main() {}\n";
    assert_eq!(report(src), "./main.go:3:12: Leak Lab does not run user-defined interfaces\n");
}

#[test]
fn float32_and_complex_numbers_are_refused_at_their_line() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar x float32 = 1.5\n\tfmt.Println(x)\n}\n";
    assert_eq!(report(src), "./main.go:6:8: Leak Lab does not run float32\n");
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 2.5\n\tfmt.Println(float32(x))\n}\n";
    assert_eq!(report(src), "./main.go:7:14: Leak Lab does not run float32\n");
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(0x1p-2, 2i)\n}\n";
    assert_eq!(report(src), "./main.go:6:22: Leak Lab does not run complex numbers\n");
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1e400, 1e300*1e300)\n}\n";
    assert_eq!(
        report(src),
        "./main.go:6:14: cannot use 1e400 (untyped float constant 1e+400) as float64 value in argument to fmt.Println (overflows)\n\
         ./main.go:6:21: cannot use 1e300 * 1e300 (untyped float constant 1e+600) as float64 value in argument to fmt.Println (overflows)\n"
    );
    let src = "package main\n\nfunc half(c complex128) {}\n\nfunc main() {}\n";
    assert_eq!(report(src), "./main.go:3:13: Leak Lab does not run complex128\n");
}

#[test]
fn goto_is_refused() {
    let src = "package main\n\nfunc main() {\nL:\n\tgoto L\n}\n";
    assert_eq!(report(src), "./main.go:5:2: Leak Lab does not run goto\n");
    // Type switches are in the subset now (tests/run/assert_switch.go).
    let src = "package main\n\nfunc main() {\n\tvar x any = 1\n\tswitch x.(type) {\n\t}\n}\n";
    assert_eq!(report(src), "");
}

#[test]
fn packages_outside_the_standard_library_subset_are_refused() {
    let src =
        "package main\n\nimport (\n\t\"fmt\"\n\t\"os/exec\"\n)\n\nfunc main() {\n\tfmt.Println(exec.Command)\n}\n";
    assert_eq!(
        report(src),
        "./main.go:5:2: Leak Lab does not run package \"os/exec\"\n./main.go:9:14: undefined: exec\n"
    );
}

#[test]
fn go_1_22_loop_forms_check_clean() {
    // Range over an integer and per-iteration loop variables captured by goroutines.
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor i := range 3 {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfmt.Println(i)\n\t\t}()\n\t}\n\twg.Wait()\n}\n";
    assert_eq!(report(src), "");
}
