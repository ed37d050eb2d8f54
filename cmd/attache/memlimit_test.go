package main

import "testing"

func TestMemoryLimitFor(t *testing.T) {
	for _, c := range []struct{ content, want int64 }{
		{0, memLimitFloor},
		{37 << 20, memLimitFloor},      // 1,000 × 5 articles
		{371 << 20, 371 << 20 * 7 / 2}, // 10,000 × 5: 1.27 GiB
		{4 << 30, 14 << 30},            // a huge archive keeps its headroom
	} {
		if got := memoryLimitFor(c.content); got != c.want {
			t.Errorf("memoryLimitFor(%d) = %d, want %d", c.content, got, c.want)
		}
	}
}
