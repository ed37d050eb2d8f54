package search

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestEncodePostings(t *testing.T) {
	for _, tc := range []struct {
		ids  []int32
		want string
	}{
		{nil, ""},
		{[]int32{0}, "A"},
		{[]int32{5}, "F"},
		{[]int32{40}, "oB"},                   // 40 = 8 + 1<<5: continuation then 1
		{[]int32{0, 2, 3}, "~N"},              // bits 0,2,3 = 13: the bitmap is shorter
		{[]int32{0, 1000}, "Anf"},             // gap-1 = 999 = 7 + 31<<5: "n" (32|7), "f" (31)
		{[]int32{0, 1, 2, 3, 4, 5, 6}, "~_B"}, // bits 0-5 = 63, then bit 0
	} {
		got := encodePostings(tc.ids)
		if got != tc.want {
			t.Errorf("encodePostings(%v) = %q, want %q", tc.ids, got, tc.want)
		}
		back, err := decodePostings(got)
		if err != nil || (len(tc.ids) > 0 && !reflect.DeepEqual(back, tc.ids)) {
			t.Errorf("decode(%q) = %v, %v; want %v", got, back, err, tc.ids)
		}
	}
}

// TestEncodePostingsRoundTrip covers both encodings at every density.
func TestEncodePostingsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, density := range []float64{0.0005, 0.01, 0.1, 0.17, 0.5, 1} {
		var ids []int32
		for id := int32(0); id < 20000; id++ {
			if r.Float64() < density {
				ids = append(ids, id)
			}
		}
		enc := encodePostings(ids)
		if enc != encodePostingsRef(ids) || string(appendPostings([]byte("pre"), ids)) != "pre"+enc {
			t.Errorf("density %v: encodings differ from the reference", density)
		}
		back, err := decodePostings(enc)
		if err != nil {
			t.Fatalf("density %v: %v", density, err)
		}
		if !reflect.DeepEqual(back, ids) {
			t.Fatalf("density %v: round trip lost ids (%d -> %d)", density, len(ids), len(back))
		}
		if limit := 20000/6 + 2; len(enc) > limit {
			t.Errorf("density %v: %d characters, more than the bitmap bound %d", density, len(enc), limit)
		}
	}
}

func FuzzPostings(f *testing.F) {
	f.Add([]byte{0, 1, 2, 200})
	f.Add([]byte{7})
	f.Fuzz(func(t *testing.T, gaps []byte) {
		var ids []int32
		id := int32(-1)
		for _, g := range gaps {
			id += int32(g)*37 + 1
			ids = append(ids, id)
		}
		enc := encodePostings(ids)
		if want := encodePostingsRef(ids); enc != want {
			t.Fatalf("encodePostings(%v) = %q, the reference gives %q", ids, enc, want)
		}
		if got := string(appendPostings([]byte("pre"), ids)); got != "pre"+enc {
			t.Fatalf("appendPostings after a prefix = %q, want %q", got, "pre"+enc)
		}
		back, err := decodePostings(enc)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) > 0 && !reflect.DeepEqual(back, ids) {
			t.Fatalf("round trip %v -> %v", ids, back)
		}
	})
}

// encodePostingsRef is the first implementation of encodePostings, kept as
// the reference that appendPostings is held to.
func encodePostingsRef(ids []int32) string {
	if len(ids) == 0 {
		return ""
	}
	bitmapLen := 1 + int(ids[len(ids)-1])/6 + 1
	deltas := make([]byte, 0, len(ids))
	prev := int32(-1)
	for _, id := range ids {
		v := uint32(id - prev - 1)
		prev = id
		for v >= 32 {
			deltas = append(deltas, b64[32|v&31])
			v >>= 5
		}
		deltas = append(deltas, b64[v])
		if len(deltas) >= bitmapLen {
			break
		}
	}
	if len(deltas) < bitmapLen {
		return string(deltas)
	}
	bits := make([]byte, bitmapLen-1)
	for _, id := range ids {
		bits[id/6] |= 1 << (id % 6)
	}
	out := make([]byte, 0, bitmapLen)
	out = append(out, bitmapMark)
	for _, c := range bits {
		out = append(out, b64[c])
	}
	return string(out)
}
