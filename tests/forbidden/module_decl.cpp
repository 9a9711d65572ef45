// C++20 modules are not part of the subset.
export module evil; // expect-error: module
export int answer() { return 42; } // expect-error: module
