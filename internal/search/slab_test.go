package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIDSlab: lists grown in the slab, interleaved and past the heap
// threshold, hold what plain appends would, and never overwrite each other.
func TestIDSlab(t *testing.T) {
	var s idSlab
	r := rand.New(rand.NewPCG(3, 4))
	got := make([][]int32, 50)
	want := make([][]int32, 50)
	for i := range 3 * idBlock {
		k := r.IntN(len(got))
		if i%2 == 0 { // one list grows well past idBlock/4
			k = 0
		}
		if i%7 == 0 { // as merge does
			ids := []int32{int32(i), int32(i), int32(i)}[:r.IntN(4)]
			got[k] = s.appendIDs(got[k], ids)
			want[k] = append(want[k], ids...)
			continue
		}
		got[k] = s.appendID(got[k], int32(i))
		want[k] = append(want[k], int32(i))
	}
	for k := range got {
		if !slices.Equal(got[k], want[k]) {
			t.Fatalf("list %d: %d ids, want %d; differs", k, len(got[k]), len(want[k]))
		}
	}
	if len(got[0]) < idBlock/4 {
		t.Fatal("no list reached the heap threshold")
	}
}

func TestVariantSlab(t *testing.T) {
	var s variantSlab
	seen := map[*variant]bool{}
	for i := range 1000 {
		v := s.new()
		if seen[v] || v.exact != "" {
			t.Fatalf("variant %d reused", i)
		}
		v.exact = "x"
		seen[v] = true
	}
}
