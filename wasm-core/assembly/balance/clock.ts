/** Milliseconds from the host's monotonic clock; used for time limits only, never for results. */
@external("env", "now") export declare function now(): f64;
