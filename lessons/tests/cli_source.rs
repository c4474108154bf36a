//! `leaklab run --source FILE.go`: any program, interpreted, under a lesson's load.

use lessons::cli::main_with;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cli(args: &[&str]) -> Out {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = main_with(&args, &mut stdout, &mut stderr);
    Out { code, stdout: String::from_utf8(stdout).unwrap(), stderr: String::from_utf8(stderr).unwrap() }
}

fn write(name: &str, src: &str) -> String {
    let dir = std::env::temp_dir().join(format!("leaklab-cli-source-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, src).unwrap();
    path.to_string_lossy().into_owned()
}

/// The leaky listing with the lesson's default knob values written in.
fn leaky_listing() -> String {
    let l = lessons::lesson("unbounded-send").unwrap();
    let t = l.variant("leaky").unwrap().template;
    t.replace("{{buffer}}", "100").replace("{{log_cost}}", "50 * time.Millisecond")
}

#[test]
fn a_lessons_listing_as_source_prints_what_the_lesson_prints() {
    let file = write("leaky.go", &leaky_listing());
    for report in ["summary", "debug1", "debug2", "goleak", "metrics"] {
        let lesson = cli(&["run", "unbounded-send", "--variant", "leaky", "--report", report]);
        let source = cli(&["run", "unbounded-send", "--source", &file, "--report", report, "--variant", "leaky"]);
        assert_eq!((source.code, source.stderr.as_str()), (0, ""));
        assert_eq!(source.stdout, lesson.stdout, "{report}");
    }
}

#[test]
fn without_a_lesson_the_path_query_and_knobs_are_the_flags() {
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"time\"\n)\n\n\
func handler(w http.ResponseWriter, r *http.Request) {\n\tgo func() {\n\t\t<-r.Context().Done()\n\t\ttime.Sleep(time.Hour)\n\t}()\n\tfmt.Fprintln(w, \"ok\")\n}\n\n\
func main() {\n\thttp.HandleFunc(\"/p\", handler)\n\thttp.ListenAndServe(\":8080\", nil)\n}\n";
    let file = write("sleepy.go", src);
    let out = cli(&["run", "--source", &file, "--path", "/p", "--query", "a=1", "--rate", "20", "--report", "summary"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("requests sent: 40 (200: 40)"), "{}", out.stdout);
    // Every request left one goroutine asleep in the handler's literal.
    assert!(out.stdout.contains("     40  [sleep]  time.Sleep"), "{}", out.stdout);
    let other = cli(&["run", "--source", &file, "--path", "/elsewhere", "--report", "summary"]);
    assert!(other.stdout.contains("(404: 20)"), "{}", other.stdout);
}

#[test]
fn a_program_that_does_not_build_prints_what_check_prints() {
    let file = write("bad.go", "package main\n\nimport \"os\"\n\nfunc main() {\n\tx := 1\n}\n");
    let out = cli(&["run", "--source", &file, "--report", "summary"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!("# command-line-arguments\n{file}:3:8: \"os\" imported and not used\n{file}:6:2: declared and not used: x\n")
    );
    let check = cli(&["check", &file]);
    assert_eq!((check.code, check.stderr), (1, out.stderr));
}

#[test]
fn what_the_interpreter_cannot_run_is_an_error_at_its_line() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"%*d\\n\", 3, 1)\n}\n";
    let file = write("unsupported.go", src);
    let out = cli(&["run", "--source", &file, "--report", "debug1"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!("leaklab: {file}:6:2: Leak Lab cannot run this format yet (the program stopped there at 0s)\n")
    );
}

#[test]
fn bad_source_flags_are_usage_errors() {
    let out = cli(&["run", "unbounded-send", "--variant", "leaky", "--path", "/x", "--report", "summary"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--path and --query need --source"), "{}", out.stderr);
    let out = cli(&["run", "--source", "/nonexistent/x.go", "--report", "summary"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("leaklab: run: --source cannot read /nonexistent/x.go"), "{}", out.stderr);
    let file = write("ok.go", "package main\n\nfunc main() {}\n");
    let out = cli(&["run", "--source", &file, "--path", "nope", "--report", "summary"]);
    assert_eq!(out.code, 2);
}

#[test]
fn a_program_with_only_vet_findings_runs_as_go_run_runs_it() {
    // Go 1.24: `go vet` reports the call and exits 1; `go run` prints "%!d(MISSING) requests".
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"%d requests\\n\")\n\tfmt.Println(\"done\")\n}\n";
    let file = write("vetted.go", src);
    let finding = format!("{file}:6:2: fmt.Printf format %d reads arg #1, but call has 0 args\n");
    let out = cli(&["run", "--source", &file, "--report", "summary"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, format!("leaklab: go vet would report:\n{finding}"));
    assert!(out.stdout.contains("main returned"), "{}", out.stdout);
    let check = cli(&["check", &file]);
    assert_eq!(check.code, 1);
    assert_eq!(check.stderr, format!("# command-line-arguments\n# [command-line-arguments]\n{finding}"));
}

#[test]
fn a_program_that_calls_log_fatal_ends_with_exit_status_1() {
    let src = "package main\n\nimport \"log\"\n\nfunc main() {\n\tdefer log.Println(\"never\")\n\tlog.Fatalf(\"cannot start: %d\", 7)\n}\n";
    let file = write("fatal.go", src);
    let out = cli(&["run", "--source", &file, "--report", "debug1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.ends_with("the program called os.Exit (exit status 1)\n"), "{}", out.stderr);
    let summary = cli(&["run", "--source", &file, "--report", "summary"]);
    assert!(summary.stdout.contains("exit status 1"), "{}", summary.stdout);
}
