package serve

import "bytes"

// Markers around what serve adds to an HTML page, so that the addition is
// one contiguous, recognisable block.
const (
	injectStart = "<!--attache-serve-->"
	injectEnd   = "<!--/attache-serve-->"
)

// snippet is the block injected into HTML pages: the server's state as JSON
// (read by the script; a type="application/json" script is never executed,
// so it needs no Content-Security-Policy allowance), then the script.
func snippet(state []byte) []byte {
	var b bytes.Buffer
	b.WriteString(injectStart)
	b.WriteString(`<script id="__attache-state" type="application/json">`)
	b.Write(state)
	b.WriteString(`</script><script src="` + reloadJSPath + `"></script>`)
	b.WriteString(injectEnd)
	return b.Bytes()
}

// inject returns a copy of page with block inserted before the last
// </body>, or appended when there is none. page is not modified: it belongs
// to an immutable snapshot.
func inject(page, block []byte) []byte {
	i := lastIndexFold(page, "</body")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(block))
	out = append(out, page[:i]...)
	out = append(out, block...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case. (bytes.ToLower
// would do, but it can change the length of non-ASCII text and with it
// every index after.) sep must be lower-case ASCII.
func lastIndexFold(s []byte, sep string) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		match := true
		for j := 0; j < len(sep); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sep[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
