//go:build race

package main

// raceEnabled lets the test that runs minisign's real key encryption
// (scrypt over 1 GiB, minutes under the race detector) skip itself there.
const raceEnabled = true
