package main

import "testing"

func TestMemoryLimitFor(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct{ content, want int64 }{
		{0, memLimitFloor},
		{37 * mib, memLimitFloor},       // 1,000 × 5 articles
		{367 * mib, 367 * mib * 15 / 4}, // 10,000 × 5: 1.34 GiB
		{4 << 30, 15 << 30},             // a huge archive keeps its headroom
	} {
		if got := memoryLimitFor(c.content); got != c.want {
			t.Errorf("memoryLimitFor(%d) = %d, want %d", c.content, got, c.want)
		}
	}
}
