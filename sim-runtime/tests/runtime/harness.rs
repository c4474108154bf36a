//! Small helpers to write simulated Go programs in tests.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use sim_runtime::{FuncId, FuncSpec, RunState, Sim, Time, G};

/// A simulation with `main.main` declared at line 1 of `/app/main.go`.
pub struct Prog {
    pub sim: Sim,
    pub main: FuncId,
}

impl Prog {
    pub fn new(seed: u64) -> Prog {
        let sim = Sim::builder().seed(seed).events(usize::MAX).build();
        let main = sim.func(FuncSpec::new("main.main", "/app/main.go", 1));
        Prog { sim, main }
    }

    pub fn func(&self, name: &str, decl: u32) -> FuncId {
        self.sim.func(FuncSpec::new(name, "/app/main.go", decl))
    }

    /// Runs `body` as main until the run ends or goes idle (at most one virtual hour).
    pub fn run<F, Fut>(&self, body: F) -> RunState
    where
        F: FnOnce(G) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        self.sim.go_main(self.main, body);
        self.sim.run(Time(3_600_000_000_000))
    }
}

/// A shared log that goroutines append to and the test reads afterwards.
#[derive(Clone, Default)]
pub struct Log<T>(pub Rc<RefCell<Vec<T>>>);

impl<T: Clone> Log<T> {
    pub fn push(&self, v: T) {
        self.0.borrow_mut().push(v);
    }
    pub fn get(&self) -> Vec<T> {
        self.0.borrow().clone()
    }
}
