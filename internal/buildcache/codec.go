package buildcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math"
	"os"
)

// The source index and the output listings are binary files of this
// package's own: varints and length-prefixed strings, sealed by the
// SHA-256 of their content. JSON would take several times longer to read
// than the stats they spare. A file that is not whole reads as none.

// readSealed returns the content of the sealed file at path, or nil when
// it is missing, unreadable, or not whole (its seal does not match).
func readSealed(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < sha256.Size {
		return nil
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil
	}
	return body
}

// writeSealed replaces the file at path with body and its seal.
func writeSealed(path string, body []byte) error {
	sum := sha256.Sum256(body)
	return writeAtomic(path, append(body, sum[:]...))
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

func appendText(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendVarint(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

func appendStat(b []byte, s fileStat) []byte {
	b = binary.AppendUvarint(b, uint64(s.mode))
	b = binary.AppendVarint(b, s.size)
	b = binary.AppendVarint(b, s.mtime)
	b = binary.AppendVarint(b, s.ctime)
	b = binary.AppendUvarint(b, s.ino)
	return binary.AppendUvarint(b, s.dev)
}

var errCorrupt = errors.New("corrupt")

// reader decodes what the append functions encode.
type reader struct {
	s   []byte
	off int
	err error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errCorrupt
	}
	r.off = len(r.s)
}

// uvarint decodes what binary.AppendUvarint encodes, and only that: an
// overlong form is corrupt, so that one value has one encoding.
func (r *reader) uvarint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			break
		}
		c := r.s[r.off]
		r.off++
		if shift == 63 && c > 1 || shift > 0 && c == 0 {
			break // more than 64 bits, or an overlong form
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || n > len(r.s)-r.off {
		r.fail()
		return nil
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) str(n int) string { return string(r.bytes(n)) }

func (r *reader) text() string {
	n := r.uvarint()
	if n > uint64(len(r.s)-r.off) {
		r.fail()
		return ""
	}
	return r.str(int(n))
}

// bool decodes what boolByte encodes.
func (r *reader) bool() bool {
	if r.off >= len(r.s) || r.s[r.off] > 1 {
		r.fail()
		return false
	}
	r.off++
	return r.s[r.off-1] == 1
}

func (r *reader) stat() fileStat {
	mode := r.uvarint()
	if mode > math.MaxUint32 {
		r.fail() // no mode is this wide: truncating it would accept a second spelling
	}
	return fileStat{
		mode: uint32(mode), size: r.varint(), mtime: r.varint(), ctime: r.varint(),
		ino: r.uvarint(), dev: r.uvarint(),
	}
}
