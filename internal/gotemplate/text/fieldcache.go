package template

import (
	"reflect"
	"sync"
)

// fieldCache remembers how {{ .Name }} resolves on a type: a method of the
// (pointer) type or a field of the struct. The standard library looks both
// up by name on every evaluation (reflect's MethodByName and FieldByName,
// which walks embedded structs); a page of a big site evaluates hundreds of
// fields, always on the same few view types. This is attache's addition
// (see README.md in the parent folder); it belongs to a template set, not
// to the package.
type fieldCache struct {
	// m maps a name to the types it was resolved on, a short list compared
	// by type identity: hashing the name alone is cheaper than hashing
	// (type, type, name) keys, and a name meets few types.
	m sync.Map // string → []fieldEntry, replaced whole, never modified
}

type fieldEntry struct {
	ptr, recv reflect.Type
	fieldLookup
}

// fieldLookup is what evalField needs: the method's index in ptr's method
// set (-1 when there is none), else the field's index path in recv.
type fieldLookup struct {
	method   int
	isField  bool
	exported bool
	index    []int
}

func (c *fieldCache) lookup(ptr, recv reflect.Type, name string) fieldLookup {
	var known []fieldEntry
	if v, ok := c.m.Load(name); ok {
		known = v.([]fieldEntry)
		for i := range known {
			if known[i].ptr == ptr && known[i].recv == recv {
				return known[i].fieldLookup
			}
		}
	}
	l := fieldLookup{method: -1}
	if m, ok := ptr.MethodByName(name); ok {
		l.method = m.Index
	} else if recv.Kind() == reflect.Struct {
		if f, ok := recv.FieldByName(name); ok {
			l.isField, l.exported, l.index = true, f.IsExported(), f.Index
		}
	}
	// Two goroutines missing at once may each store their list and one
	// entry be lost; it is then computed again, with the same result.
	c.m.Store(name, append(known[:len(known):len(known)], fieldEntry{ptr, recv, l}))
	return l
}
