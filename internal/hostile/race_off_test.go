//go:build !race

package hostile

// raceEnabled: the race detector slows builds several times over.
const raceEnabled = false
