//! The virtual `http.Client` and upstream (being written).
