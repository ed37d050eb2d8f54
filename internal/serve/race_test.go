//go:build race

package serve

// raceEnabled shortens the slowest tests under the race detector, which
// makes every build several times slower.
const raceEnabled = true
