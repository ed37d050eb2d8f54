package main

import "testing"

// TestMemoryLimitFor holds the limit to what it is for (memlimit.go): far
// above a small site's use, well above the live heap of any site (about
// 2.2 × its Markdown), and under 1.5 GB for the reference archive.
func TestMemoryLimitFor(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct{ content, want int64 }{
		{0, memLimitFloor},
		{37 * mib, memLimitFloor},
		{367 * mib, 367 * mib * 15 / 4},
		{4 << 30, 15 << 30},
	} {
		if got := memoryLimitFor(c.content); got != c.want {
			t.Errorf("memoryLimitFor(%d) = %d, want %d", c.content, got, c.want)
		}
	}
	if got := memoryLimitFor(37 * mib); got != memLimitFloor { // 1,000 × 5 articles
		t.Errorf("1,000 × 5: limit %d MiB, want the floor", got/mib)
	}
	for _, content := range []int64{100 * mib, 367 * mib, 4 << 30} {
		if got := memoryLimitFor(content); got < 3*content {
			t.Errorf("%d MiB of Markdown: limit %d MiB, under 3 × the Markdown", content/mib, got/mib)
		}
	}
	if got := memoryLimitFor(367 * mib); got > 1_400*mib { // 10,000 × 5: RSS stays under 1.5 GB
		t.Errorf("10,000 × 5: limit %d MiB, over 1,400 MiB", got/mib)
	}
}
