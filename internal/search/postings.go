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
	return string(appendPostings(nil, ids))
}

// appendPostings appends the encoding of ids to dst, which shards write
// straight into their JSON.
func appendPostings(dst []byte, ids []int32) []byte {
	if len(ids) == 0 {
		return dst
	}
	bitmapLen := 1 + int(ids[len(ids)-1])/6 + 1
	start := len(dst)
	prev := int32(-1)
	for _, id := range ids {
		v := uint32(id - prev - 1)
		prev = id
		for v >= 32 {
			dst = append(dst, b64[32|v&31])
			v >>= 5
		}
		dst = append(dst, b64[v])
		if len(dst)-start >= bitmapLen {
			break // the bitmap wins whatever follows
		}
	}
	if len(dst)-start < bitmapLen {
		return dst
	}
	// Overwrite the deltas with the bitmap: mark, then bitmapLen-1 zeroed
	// characters to OR the bits into, then the bits mapped to b64.
	dst = append(dst[:start], bitmapMark)
	dst = append(dst, make([]byte, bitmapLen-1)...)
	bits := dst[start+1:]
	for _, id := range ids {
		bits[id/6] |= 1 << (id % 6)
	}
	for i, c := range bits {
		bits[i] = b64[c]
	}
	return dst
}
