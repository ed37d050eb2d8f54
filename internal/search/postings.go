package search

// Posting lists (ascending document ids) are stored as JSON strings in one of
// two encodings, whichever is shorter; search.js decodes both (decode).
//
//   - Deltas: each gap minus one (the first id counts from -1) as a
//     little-endian base-64 varint, 5 value bits per character plus a
//     continuation bit (32), like source-map VLQ without the sign. Sparse
//     lists cost about one character per document.
//   - Bitmap: "~" then one base-64 character per 6 document ids, bit b of
//     character i set when id 6*i+b is present. A term in every one of
//     10,000 documents costs 1,668 characters instead of 10,000.
//
// The alphabet is base64url, so the strings need no JSON escaping.
const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// bitmapMark starts a bitmap-encoded list; it is not in b64.
const bitmapMark = '~'

// encodePostings encodes ids, which must be ascending and non-negative.
func encodePostings(ids []int32) string {
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
			break // the bitmap wins whatever follows
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
