OPENQASM 2.0;
include "qelib1.inc";
// Smoke test: a Bell pair; expect 00 and 11 with equal probability.
qreg q[2];
creg c[2];
h q[0];
cx q[0], q[1];
measure q -> c;
