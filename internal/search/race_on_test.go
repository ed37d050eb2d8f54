//go:build race

package search

// raceEnabled: the race detector slows the 10,000-document build tenfold.
const raceEnabled = true
