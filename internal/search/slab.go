package search

import "slices"

// A term's posting list grows about a dozen times over a build, and most
// terms are rare, so growing each list on the heap, and allocating each
// variant on its own, made up most of Build's allocations. An indexer
// carves both from large blocks instead; the blocks are freed together with
// the index, when Build returns.

// idSlab hands out the backing arrays of posting lists.
type idSlab struct{ free []int32 }

// idBlock is the number of ids per block (64 KiB). Lists longer than a
// quarter block grow on the heap like any slice.
const idBlock = 1 << 14

// appendID is append(list, id), growing list in the slab.
func (s *idSlab) appendID(list []int32, id int32) []int32 {
	if len(list) == cap(list) {
		list = s.grow(list, 1)
	}
	return append(list, id)
}

// appendIDs is append(list, ids...), growing list in the slab.
func (s *idSlab) appendIDs(list, ids []int32) []int32 {
	if len(list)+len(ids) > cap(list) {
		list = s.grow(list, len(ids))
	}
	return append(list, ids...)
}

// grow returns list with room for at least more ids. Regions are carved
// with their capacity limited, so two lists never share memory.
func (s *idSlab) grow(list []int32, more int) []int32 {
	n := max(4, 2*cap(list), len(list)+more)
	if n > idBlock/4 {
		return slices.Grow(list, more)
	}
	if n > len(s.free) {
		s.free = make([]int32, idBlock)
	}
	grown := s.free[:len(list):n]
	s.free = s.free[n:]
	copy(grown, list)
	return grown
}

// variantSlab hands out variants.
type variantSlab struct{ free []variant }

func (s *variantSlab) new() *variant {
	if len(s.free) == 0 {
		s.free = make([]variant, 256)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}
