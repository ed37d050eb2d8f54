package watch

import "fmt"

// maxErrors bounds the errors one batch carries, so that a broken tree cannot
// grow a batch without end; the rest are counted.
const maxErrors = 100

// derive gives the net Op of a file from whether it existed before and exists
// after; ok is false when there is nothing to report.
func derive(before, after bool) (op Op, ok bool) {
	switch {
	case before && after:
		return Write, true
	case after:
		return Create, true
	case before:
		return Remove, true
	}
	return 0, false
}

// collapse folds two successive net changes of one path into one: the first
// tells whether the file existed before, the second whether it exists after.
// Create+Write → Create, Create+Remove → nothing, Remove+Create → Write, ...
func collapse(first, second Op) (Op, bool) {
	return derive(first != Create, second != Remove)
}

// offer is the batch that has been cut and waits for the consumer. Batches
// cut while the consumer is busy are folded into it.
type offer struct {
	ops     map[string]Op
	rescan  bool
	errs    []error
	dropped int // errors beyond maxErrors
}

func (o *offer) empty() bool {
	return len(o.ops) == 0 && !o.rescan && len(o.errs) == 0 && o.dropped == 0
}

func (o *offer) add(rel string, op Op) {
	if o.ops == nil {
		o.ops = map[string]Op{}
	}
	if prev, ok := o.ops[rel]; ok {
		var keep bool
		if op, keep = collapse(prev, op); !keep {
			delete(o.ops, rel)
			return
		}
	}
	o.ops[rel] = op
}

func (o *offer) addErrs(errs []error, dropped int) {
	for _, err := range errs {
		if len(o.errs) < maxErrors {
			o.errs = append(o.errs, err)
		} else {
			o.dropped++
		}
	}
	o.dropped += dropped
}

func (o *offer) batch() Batch {
	b := Batch{Rescan: o.rescan}
	for _, rel := range sortedKeys(o.ops) {
		b.Changes = append(b.Changes, Change{Path: rel, Op: o.ops[rel]})
	}
	b.Errors = append(b.Errors, o.errs...)
	if o.dropped > 0 {
		b.Errors = append(b.Errors, fmt.Errorf("watch: %d more errors not shown", o.dropped))
	}
	return b
}
