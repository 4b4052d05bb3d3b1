OPENQASM 3.0;
include "stdgates.inc";
// QAOA depth 1 for max-cut on the 4-stop sample graph (gamma = 0.8, beta = 0.4).
qubit[4] q;
bit[4] c;
h q;
rzz(1.6) q[0], q[1];
rzz(1.6) q[1], q[2];
rzz(1.6) q[2], q[3];
rzz(1.6) q[3], q[0];
rzz(0.8) q[0], q[2];
rx(0.8) q;
c = measure q;
