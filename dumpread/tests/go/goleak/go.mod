module leaklab/goleakshapes

go 1.19

require go.uber.org/goleak v1.2.0

// Debian's golang-uber-goleak-dev package (goleak 1.2.0): the registry of Go
// modules is not reachable from the machines that make these dumps.
replace go.uber.org/goleak => /usr/share/gocode/src/go.uber.org/goleak
